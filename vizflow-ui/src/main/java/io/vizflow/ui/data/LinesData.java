package io.vizflow.ui.data;

import java.util.List;

/**
 * A metric across one dimension, one line per value of another (or a single line).
 *
 * @param x           the horizontal axis
 * @param seriesTitle the dimension whose values are the lines, or null for one line
 * @param metric      the metric or derived metric
 * @param countMetric the count drawn below, or null
 * @param lines       the lines
 * @param coverage    the dates and rows behind it
 */
public record LinesData(Axis x, String seriesTitle, String metric, String countMetric, List<Line> lines, Coverage coverage) {
    public LinesData {
        lines = List.copyOf(lines);
    }

    /**
     * One line: a value and a count per x key (null where the group is absent).
     *
     * @param name   the series value's label
     * @param values one per x key
     * @param counts one per x key
     */
    public record Line(String name, List<Double> values, List<Long> counts) {
        public Line {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
            counts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(counts));
        }
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
