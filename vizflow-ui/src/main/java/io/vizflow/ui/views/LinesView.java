package io.vizflow.ui.views;

import io.vizflow.query.Dimension;
import io.vizflow.ui.data.Coverage;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.LinesData;
import io.vizflow.ui.services.ExplorationService;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lines: a metric across one dimension, one line per value of another, with the count behind each
 * point as bars below. URL: {@code /lines?x=DIM&series=DIM&metric=M} ({@code series=} for one line)
 * and the shared filters.
 */
@Route(value = "lines", layout = MainLayout.class)
@PageTitle("Lines · VizFlow")
public class LinesView extends ExplorationView {
    private static final Set<String> KEYS = Set.of(ViewState.X, ViewState.SERIES, ViewState.METRIC);
    private static final String ONE_LINE = "(one line)";

    private final EChart chart = new EChart();

    public LinesView(ExplorationService service) {
        super(service);
        chart.setId("lines-chart");
    }

    @Override
    protected Set<String> viewKeys() {
        return KEYS;
    }

    @Override
    protected void defaults(ViewState s, DatasetSummary ds) {
        if (s.x == null) {
            String time = timeDimension(ds);
            String bin = binDimension(ds);
            s.x = time != null ? time : bin != null ? bin : otherDimension(ds);
        }
        if (s.series == null || s.series.equals(s.x)) {
            s.series = ViewState.NONE;
            for (Dimension d : ds.filterDimensions()) {
                if (!d.isBin() && !d.name().equals(s.x)) {
                    s.series = d.name();
                    break;
                }
            }
        }
        if (s.metric == null) s.metric = defaultMetric(ds);
    }

    @Override
    protected Component controls() {
        List<String> dims = summary.dimensions().stream().map(Dimension::name).toList();
        List<String> series = new ArrayList<>(List.of(ONE_LINE));
        series.addAll(dims);
        ComboBox<String> lines = Choices.of("one line per", "choose-series", series,
                state.series.equals(ViewState.NONE) ? ONE_LINE : state.series,
                v -> { state.series = v.equals(ONE_LINE) ? ViewState.NONE : v; refresh(); });
        HorizontalLayout c = new HorizontalLayout(
                Choices.of("x", "choose-x", dims, state.x, v -> { state.x = v; refresh(); }),
                lines,
                Choices.of("metric", "choose-metric", summary.allMetrics(), state.metric, v -> { state.metric = v; refresh(); }));
        c.setId("lines-controls");
        return c;
    }

    @Override
    protected Component content() {
        return chart;
    }

    @Override
    protected Coverage render() {
        String series = state.series.equals(ViewState.NONE) ? null : state.series;
        LinesData d = service.lines(state.selection(), state.x, series, state.metric);
        if (d.isEmpty()) {
            showEmpty(d.coverage());
        } else {
            chart.setVisible(true);
            chart.setOption(ChartOptions.lines(d));
        }
        return d.coverage();
    }

    @Override
    protected void hideContent() {
        chart.clear();
        chart.setVisible(false);
    }
}
