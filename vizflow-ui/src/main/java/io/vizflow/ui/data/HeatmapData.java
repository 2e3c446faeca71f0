package io.vizflow.ui.data;

import java.util.List;

/**
 * A heatmap: two axes and the cells that have a value.
 *
 * @param x           the horizontal axis
 * @param y           the vertical axis
 * @param metric      the metric or derived metric of the colour
 * @param countMetric the count shown beside each value, or null
 * @param cells       the cells with a value
 * @param coverage    the dates and rows behind it
 */
public record HeatmapData(Axis x, Axis y, String metric, String countMetric, List<Cell> cells, Coverage coverage) {
    public HeatmapData {
        cells = List.copyOf(cells);
    }

    /**
     * One cell.
     *
     * @param x     index on the x axis
     * @param y     index on the y axis
     * @param value the metric's value
     * @param count the count behind it, or null
     */
    public record Cell(int x, int y, double value, Long count) {}

    public boolean isEmpty() {
        return cells.isEmpty();
    }
}
