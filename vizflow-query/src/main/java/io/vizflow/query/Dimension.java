package io.vizflow.query;

/**
 * A column results can be grouped by and filtered on: a group-by column of the partials, or
 * {@code date}.
 *
 * @param name     the column
 * @param type     its type
 * @param binOf    for a bin ({@code alpha1_bin}), the column that was binned ({@code alpha1}); else null
 * @param binWidth for a bin, its width; else null
 */
public record Dimension(String name, ValueType type, String binOf, Double binWidth) {
    /** The name of the dataset's date dimension. */
    public static final String DATE = "date";

    public boolean isBin() {
        return binWidth != null;
    }

    /** A bin's real value: {@code bin * width} (the middle of the bin; null stays null). */
    public Double realValue(Long bin) {
        return bin == null || binWidth == null ? null : bin * binWidth;
    }
}
