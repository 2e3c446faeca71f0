package io.vizflow.ui.views;

import io.vizflow.query.Dimension;
import io.vizflow.ui.data.Coverage;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.HeatmapData;
import io.vizflow.ui.services.ExplorationService;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

import java.util.List;
import java.util.Set;

/**
 * Heatmap: a metric or derived metric over two dimensions; colours diverge around 0 for returns;
 * a cell's tooltip shows the exact value and the count behind it; axes show real values.
 * URL: {@code /heatmap?x=DIM&y=DIM&metric=M} and the shared filters.
 */
@Route(value = "heatmap", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Heatmap · VizFlow")
public class HeatmapView extends ExplorationView {
    private static final Set<String> KEYS = Set.of(ViewState.X, ViewState.Y, ViewState.METRIC);

    private final EChart chart = new EChart();

    public HeatmapView(ExplorationService service) {
        super(service);
        chart.setId("heatmap-chart");
    }

    @Override
    protected Set<String> viewKeys() {
        return KEYS;
    }

    @Override
    protected void defaults(ViewState s, DatasetSummary ds) {
        if (s.x == null) {
            String bin = binDimension(ds);
            s.x = bin != null ? bin : otherDimension(ds);
        }
        if (s.y == null || s.y.equals(s.x)) {
            String time = timeDimension(ds);
            s.y = time != null && !time.equals(s.x) ? time : otherDimension(ds, s.x);
        }
        if (s.metric == null) s.metric = defaultMetric(ds);
    }

    @Override
    protected Component controls() {
        List<String> dims = summary.dimensions().stream().map(Dimension::name).toList();
        HorizontalLayout c = new HorizontalLayout(
                Choices.of("x", "choose-x", dims, state.x, v -> { state.x = v; refresh(); }),
                Choices.of("y", "choose-y", dims, state.y, v -> { state.y = v; refresh(); }),
                Choices.of("colour", "choose-metric", summary.allMetrics(), state.metric, v -> { state.metric = v; refresh(); }));
        c.setId("heatmap-controls");
        return c;
    }

    @Override
    protected Component content() {
        return chart;
    }

    @Override
    protected Coverage render() {
        HeatmapData d = service.heatmap(state.selection(), state.x, state.y, state.metric);
        if (d.isEmpty()) {
            showEmpty(d.coverage());
        } else {
            chart.setVisible(true);
            chart.setOption(ChartOptions.heatmap(d));
        }
        return d.coverage();
    }

    @Override
    protected void hideContent() {
        chart.clear();
        chart.setVisible(false);
    }
}
