package io.vizflow.ui.views;

import io.vizflow.query.Dimension;
import io.vizflow.query.QueryResult;
import io.vizflow.ui.data.Coverage;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.TableData;
import io.vizflow.ui.services.AxisLabels;
import io.vizflow.ui.services.ExplorationService;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Table: the query result (grouped by 0-2 dimensions, any metrics), sortable by any column, and
 * its CSV (the query layer's, full precision). URL: {@code /table?by=A,B&metrics=M,N&sort=COL:desc}
 * and the shared filters.
 */
@Route(value = "table", layout = MainLayout.class)
@PageTitle("Table · VizFlow")
public class TableView extends ExplorationView {
    private static final Set<String> KEYS = Set.of(ViewState.BY, ViewState.METRICS, ViewState.SORT);

    private final Grid<List<Object>> grid = new Grid<>();
    private final Anchor csv;
    private volatile String csvText = "";
    private volatile String csvName = "vizflow.csv";

    public TableView(ExplorationService service) {
        super(service);
        grid.setId("result");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setWidthFull();
        grid.setMultiSort(false);
        grid.addSortListener(e -> {
            if (!e.isFromClient()) return;
            List<GridSortOrder<List<Object>>> order = e.getSortOrder();
            if (order.isEmpty()) {
                state.sort = null;
            } else {
                state.sort = order.get(0).getSorted().getKey();
                state.descending = order.get(0).getDirection() == SortDirection.DESCENDING;
            }
            writeUrl();
        });
        csv = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = csvText.getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), csvName, "text/csv;charset=utf-8", bytes.length);
        }), "Download CSV");
        csv.setId("download-csv");
    }

    @Override
    protected Set<String> viewKeys() {
        return KEYS;
    }

    @Override
    protected void defaults(ViewState s, DatasetSummary ds) {
        if (s.by.isEmpty()) {
            String bin = binDimension(ds);
            s.by.add(bin != null ? bin : otherDimension(ds));
        }
        if (s.metrics.isEmpty()) s.metrics.addAll(ds.allMetrics());
    }

    @Override
    protected Component controls() {
        MultiSelectComboBox<String> by = new MultiSelectComboBox<>("group by (0-2)");
        by.setId("choose-by");
        by.setItems(summary.dimensions().stream().map(Dimension::name).toList());
        by.setValue(new LinkedHashSet<>(state.by));
        by.setWidth("22em");
        by.addValueChangeListener(e -> {
            if (!e.isFromClient()) return;
            List<String> chosen = new ArrayList<>(e.getValue());
            if (chosen.size() > 2) {
                by.setValue(new LinkedHashSet<>(state.by));
                by.setHelperText("at most two dimensions");
                return;
            }
            by.setHelperText(null);
            state.by = chosen;
            refresh();
        });
        MultiSelectComboBox<String> metrics = new MultiSelectComboBox<>("metrics");
        metrics.setId("choose-metrics");
        metrics.setItems(summary.allMetrics());
        metrics.setValue(new LinkedHashSet<>(state.metrics));
        metrics.setWidth("30em");
        metrics.addValueChangeListener(e -> {
            if (!e.isFromClient()) return;
            if (e.getValue().isEmpty()) {
                metrics.setValue(new LinkedHashSet<>(state.metrics));
                metrics.setHelperText("choose at least one metric");
                return;
            }
            metrics.setHelperText(null);
            state.metrics = new ArrayList<>(e.getValue());
            refresh();
        });
        HorizontalLayout c = new HorizontalLayout(by, metrics, csv);
        c.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        c.setId("table-controls");
        return c;
    }

    @Override
    protected Component content() {
        return grid;
    }

    @Override
    protected Coverage render() {
        TableData d = service.table(state.selection(), state.by, state.metrics);
        QueryResult r = d.result();
        csvText = r.toCsv();
        csvName = "vizflow" + (state.by.isEmpty() ? "" : "-" + String.join("-", state.by)) + ".csv";
        grid.removeAllColumns();
        Grid.Column<List<Object>> sorted = null;
        for (int i = 0; i < r.columns().size(); i++) {
            int index = i;
            QueryResult.Column c = r.columns().get(i);
            Grid.Column<List<Object>> col = grid.addColumn(row -> cell(row.get(index)))
                    .setHeader(c.name()).setKey(c.name()).setSortable(true).setResizable(true)
                    .setComparator(Comparator.comparing((List<Object> row) -> row.get(index), VALUE_ORDER));
            if (c.type() == io.vizflow.query.ValueType.INTEGER || c.type() == io.vizflow.query.ValueType.REAL) {
                col.setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
            }
            if (c.name().equals(state.sort)) sorted = col;
        }
        grid.setItems(r.rows());
        grid.setAllRowsVisible(r.size() <= 100);
        if (sorted != null) {
            grid.sort(List.of(new GridSortOrder<>(sorted, state.descending ? SortDirection.DESCENDING : SortDirection.ASCENDING)));
        } else {
            state.sort = null;
        }
        if (r.size() == 0) {
            showEmpty(d.coverage());
        } else {
            grid.setVisible(true);
            csv.setVisible(true);
        }
        return d.coverage();
    }

    @Override
    protected void hideContent() {
        grid.setVisible(false);
        csv.setVisible(false);
    }

    /** How a value is shown: reals to 10 significant digits (the CSV has full precision). */
    static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return AxisLabels.number(d);
        if (v instanceof LocalDate d) return d.toString();
        return String.valueOf(v);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> VALUE_ORDER = Comparator.nullsLast((a, b) ->
            a.getClass() == b.getClass() && a instanceof Comparable ca ? ca.compareTo(b) : String.valueOf(a).compareTo(String.valueOf(b)));
}
