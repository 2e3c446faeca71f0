package io.vizflow.ui.views;

import io.vizflow.ui.data.HeatmapData;
import io.vizflow.ui.data.LinesData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * ECharts options of the views' charts, as JSON. The {@code vf} block tells {@code vf-chart.js}
 * the labels its tooltips show (the exact value and the count behind it).
 */
final class ChartOptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Diverging, centred on 0: red below, white at 0, blue above (ColorBrewer RdBu). */
    static final List<String> DIVERGING = List.of("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac");
    /** Sequential (viridis). */
    static final List<String> SEQUENTIAL = List.of("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725");

    private ChartOptions() {}

    /** True when the colour scale of a metric's values is diverging (centred on 0): returns, or values of both signs. */
    static boolean diverging(String metric, double min, double max) {
        return metric.toLowerCase(Locale.ROOT).contains("return") || (min < 0 && max > 0);
    }

    static ObjectNode heatmap(HeatmapData d) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (HeatmapData.Cell c : d.cells()) {
            min = Math.min(min, c.value());
            max = Math.max(max, c.value());
        }
        boolean diverging = diverging(d.metric(), min, max);
        if (diverging) {
            double m = Math.max(Math.abs(min), Math.abs(max));
            if (m == 0) m = 1e-12;
            min = -m;
            max = m;
        } else if (min == max) {
            max = min + Math.max(Math.abs(min) * 1e-9, 1e-12);
        }

        ObjectNode o = JSON.createObjectNode();
        ObjectNode vf = o.putObject("vf");
        vf.put("kind", "heatmap");
        vf.put("xTitle", d.x().title());
        vf.put("yTitle", d.y().title());
        strings(vf.putArray("xLabels"), d.x().labels());
        strings(vf.putArray("yLabels"), d.y().labels());
        vf.put("metric", d.metric());
        if (d.countMetric() != null) vf.put("count", d.countMetric());
        vf.put("scale", diverging ? "diverging" : "sequential");

        o.put("animation", false);
        o.putObject("tooltip").put("position", "top");
        ObjectNode grid = o.putObject("grid");
        grid.put("left", 110).put("right", 120).put("top", 40).put("bottom", 80);
        ObjectNode x = axis(o.putObject("xAxis"), d.x().labels(), d.x().title(), 50);
        x.putObject("splitArea").put("show", true);
        ObjectNode y = axis(o.putObject("yAxis"), d.y().labels(), d.y().title(), 85);
        y.putObject("splitArea").put("show", true);

        ObjectNode vm = o.putObject("visualMap");
        vm.put("type", "continuous").put("min", min).put("max", max).put("dimension", 2).put("calculable", true)
                .put("orient", "vertical").put("right", 10).put("top", "middle").put("precision", 6);
        strings(vm.putObject("inRange").putArray("color"), diverging ? DIVERGING : SEQUENTIAL);
        vm.putArray("text").add(d.metric()).add("");

        ObjectNode s = o.putArray("series").addObject();
        s.put("name", d.metric()).put("type", "heatmap").put("progressive", 0);
        ArrayNode data = s.putArray("data");
        for (HeatmapData.Cell c : d.cells()) {
            ArrayNode cell = data.addArray().add(c.x()).add(c.y()).add(c.value());
            if (c.count() == null) cell.addNull(); else cell.add(c.count());
        }
        s.putObject("emphasis").putObject("itemStyle").put("borderColor", "#222").put("borderWidth", 1);
        return o;
    }

    static ObjectNode lines(LinesData d) {
        boolean counts = d.countMetric() != null;
        ObjectNode o = JSON.createObjectNode();
        ObjectNode vf = o.putObject("vf");
        vf.put("kind", "lines");
        vf.put("xTitle", d.x().title());
        vf.put("metric", d.metric());
        if (counts) vf.put("count", d.countMetric());

        o.put("animation", false);
        o.putObject("tooltip").put("trigger", "axis");
        o.putObject("legend").put("type", "scroll").put("top", 0);
        ArrayNode grids = o.putArray("grid");
        ArrayNode xs = o.putArray("xAxis");
        ArrayNode ys = o.putArray("yAxis");
        if (counts) {
            grids.addObject().put("left", 90).put("right", 40).put("top", 40).put("height", "50%");
            grids.addObject().put("left", 90).put("right", 40).put("top", "68%").put("bottom", 60);
        } else {
            grids.addObject().put("left", 90).put("right", 40).put("top", 40).put("bottom", 60);
        }
        ObjectNode x0 = axis(xs.addObject(), d.x().labels(), counts ? "" : d.x().title(), 35);
        x0.put("gridIndex", 0);
        ys.addObject().put("type", "value").put("name", d.metric()).put("gridIndex", 0).put("scale", true);
        if (counts) {
            axis(xs.addObject(), d.x().labels(), d.x().title(), 35).put("gridIndex", 1);
            ys.addObject().put("type", "value").put("name", d.countMetric()).put("gridIndex", 1);
        }
        ArrayNode zoom = o.putArray("dataZoom");
        ObjectNode z = zoom.addObject().put("type", "inside");
        z.putArray("xAxisIndex").add(0);
        if (counts) ((ArrayNode) z.get("xAxisIndex")).add(1);

        ArrayNode series = o.putArray("series");
        for (LinesData.Line line : d.lines()) {
            ObjectNode s = series.addObject();
            s.put("name", line.name()).put("type", "line").put("xAxisIndex", 0).put("yAxisIndex", 0)
                    .put("showSymbol", true).put("connectNulls", false);
            ArrayNode data = s.putArray("data");
            for (int i = 0; i < line.values().size(); i++) {
                Double v = line.values().get(i);
                if (v == null) {
                    data.addNull();
                    continue;
                }
                ObjectNode p = data.addObject().put("value", v);
                Long c = line.counts().get(i);
                if (c == null) p.putNull("count"); else p.put("count", c);
            }
        }
        if (counts) {
            for (LinesData.Line line : d.lines()) {
                ObjectNode s = series.addObject();
                s.put("name", line.name()).put("type", "bar").put("xAxisIndex", 1).put("yAxisIndex", 1);
                ArrayNode data = s.putArray("data");
                for (Long c : line.counts()) {
                    if (c == null) data.addNull(); else data.add(c);
                }
            }
        }
        return o;
    }

    private static ObjectNode axis(ObjectNode a, List<String> labels, String title, int gap) {
        a.put("type", "category").put("name", title).put("nameLocation", "middle").put("nameGap", gap);
        strings(a.putArray("data"), labels);
        return a;
    }

    private static void strings(ArrayNode a, List<String> values) {
        for (String v : values) a.add(v);
    }
}
