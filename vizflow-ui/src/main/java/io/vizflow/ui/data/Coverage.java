package io.vizflow.ui.data;

import java.time.LocalDate;
import java.util.List;

/**
 * What stands behind a result: the dates it covers and the rows of those dates.
 *
 * @param dates        the dates included (held by the dataset and chosen by the filters)
 * @param datesHeld    how many dates the dataset holds
 * @param datasetRows  the dataset's rows (groups) of those dates
 * @param counted      the rows counted by the count metric under the filters, or null without one
 * @param countMetric  the count metric, or null
 */
public record Coverage(List<LocalDate> dates, int datesHeld, long datasetRows, Long counted, String countMetric) {
    public Coverage {
        dates = List.copyOf(dates);
    }
}
