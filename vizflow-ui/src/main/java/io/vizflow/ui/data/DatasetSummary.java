package io.vizflow.ui.data;

import io.vizflow.query.Dimension;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one version of the consolidated dataset holds, for the dataset panel and the choices.
 *
 * @param version     identifies this version (a new consolidation gives another)
 * @param directory   the dataset's folder
 * @param updated     when it was consolidated (ISO-8601)
 * @param dates       the dates held, in order
 * @param rowsPerDate the dataset's rows (groups) of each date
 * @param rows        the rows of all dates
 * @param dimensions  {@code date}, then the group-by columns
 * @param metrics     the metrics, in the config's order
 * @param derived     the derived metrics, in the config's order
 * @param countMetric the metric that counts rows ({@code COUNT(*)}), or null
 */
public record DatasetSummary(String version, Path directory, String updated, List<LocalDate> dates,
                             Map<LocalDate, Long> rowsPerDate, long rows, List<Dimension> dimensions,
                             List<String> metrics, List<String> derived, String countMetric) {

    /** The metrics, then the derived metrics. */
    public List<String> allMetrics() {
        List<String> all = new java.util.ArrayList<>(metrics);
        all.addAll(derived);
        return all;
    }

    public boolean hasMetric(String name) {
        return metrics.contains(name) || derived.contains(name);
    }

    /** The dimension of that name, or null. */
    public Dimension dimension(String name) {
        for (Dimension d : dimensions) if (d.name().equals(name)) return d;
        return null;
    }

    /** The dimensions values can be filtered on (all but {@code date}, which has the date range). */
    public List<Dimension> filterDimensions() {
        return dimensions.stream().filter(d -> !d.name().equals(Dimension.DATE)).toList();
    }
}
