package io.vizflow.ui.data;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters every view shares: a date range (a null end is open) and, per dimension, the values
 * to keep (as text, converted to the dimension's type by the query layer).
 *
 * @param from   the first date, or null
 * @param to     the last date, or null
 * @param values dimension to the values kept; a dimension not named is not filtered
 */
public record Selection(LocalDate from, LocalDate to, Map<String, List<String>> values) {
    public Selection {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (values != null) values.forEach((k, v) -> { if (v != null && !v.isEmpty()) copy.put(k, List.copyOf(v)); });
        values = Collections.unmodifiableMap(copy);
    }

    /** Every date, no filter. */
    public static Selection all() {
        return new Selection(null, null, Map.of());
    }
}
