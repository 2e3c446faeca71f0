package io.vizflow.ui.views;

import io.vizflow.BadInputException;
import io.vizflow.query.Dimension;
import io.vizflow.ui.data.Coverage;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.NoDatasetException;
import io.vizflow.ui.services.AxisLabels;
import io.vizflow.ui.services.ExplorationService;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the views share: the state in the URL, the dataset panel and the filters at the side, the
 * notes on refused URL parameters, and the empty and error states (no consolidated data yet, a
 * query that returns nothing, a query refused, a dataset that changed underneath).
 */
abstract class ExplorationView extends VerticalLayout implements BeforeEnterObserver, AfterNavigationObserver {
    protected final ExplorationService service;
    protected DatasetSummary summary;
    protected ViewState state;

    private final Div notices = new Div();
    private final Div status = new Div();
    private DatasetPanel datasetPanel;

    ExplorationView(ExplorationService service) {
        this.service = service;
        setSizeFull();
        setPadding(true);
        notices.setId("notices");
        status.setId("status");
    }

    /** The view's own URL parameters. */
    protected abstract Set<String> viewKeys();

    /** Fills the choices the URL left open (or that were refused) with sensible ones. */
    protected abstract void defaults(ViewState s, DatasetSummary ds);

    /** The view's choices, built from {@link #state}; their listeners change it and call {@link #refresh()}. */
    protected abstract Component controls();

    /** The chart or table. */
    protected abstract Component content();

    /**
     * Queries and draws the state; calls {@link #showEmpty} when nothing matches.
     *
     * @return what stands behind the result
     */
    protected abstract Coverage render();

    /** Hides the chart or table (an empty or error state is shown instead). */
    protected abstract void hideContent();

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        load(event.getLocation().getQueryParameters().getParameters(), List.of());
    }

    /** Once the view is in its layout: the URL holds the whole state, the links to the other views the filters. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (state != null && summary != null && getChildren().findAny().isPresent()) writeUrl();
    }

    /** Builds the view for the dataset's current version from URL parameters. */
    private void load(Map<String, List<String>> params, List<String> notes) {
        removeAll();
        notices.removeAll();
        status.removeAll();
        state = null;
        try {
            summary = service.summary();
        } catch (NoDatasetException e) {
            showState("no-dataset", "No consolidated data yet", e.getMessage(),
                    "vizflow consolidate --config " + service.configFile());
            return;
        } catch (BadInputException e) {
            showState("dataset-error", "The consolidated dataset cannot be read", e.getMessage(), null);
            return;
        }
        if (summary.dates().isEmpty()) {
            showState("no-dates", "The dataset holds no dates yet", "The consolidated dataset in " + summary.directory()
                    + " holds no date. Run the dates, then consolidate.", "vizflow consolidate --config " + service.configFile());
            return;
        }
        List<String> refused = new ArrayList<>();
        state = ViewState.parse(params, summary, viewKeys(), refused);
        defaults(state, summary);

        for (String n : notes) notice(n, "notice-changed", "var(--lumo-primary-color-10pct)");
        if (!refused.isEmpty()) {
            notice("Left out of the link: " + String.join("; ", refused), "notice-refused", "var(--lumo-warning-color-10pct, #fff3cd)");
        }

        datasetPanel = new DatasetPanel(summary);
        FilterPanel filters = new FilterPanel(summary, service.filterChoices(), state, this::refresh);
        VerticalLayout side = new VerticalLayout(datasetPanel, filters);
        side.setWidth("320px");
        side.setPadding(false);
        side.getStyle().set("flex-shrink", "0").set("overflow", "auto");

        Component controls = controls();
        VerticalLayout main = new VerticalLayout(controls, status, content());
        main.setPadding(false);
        main.setSizeFull();
        main.getStyle().set("min-width", "0");

        HorizontalLayout body = new HorizontalLayout(side, main);
        body.setSizeFull();
        body.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.START);
        add(notices, body);
        draw();
    }

    /** Draws the state again after a change of a choice or filter (first looking whether the dataset changed). */
    protected void refresh() {
        DatasetSummary now;
        try {
            now = service.summary();
        } catch (NoDatasetException | BadInputException e) {
            load(Map.of(), List.of());
            return;
        }
        if (!now.version().equals(summary.version())) {
            String before = DatasetPanel.heldText(summary);
            load(state.toQueryParameters(viewKeys()).getParameters(),
                    List.of("The dataset changed underneath (a new consolidation): was " + before.substring(6) + ", now "
                            + DatasetPanel.heldText(now).substring(6) + ". The choices and filters were renewed."));
            return;
        }
        draw();
    }

    private void draw() {
        status.removeAll();
        try {
            Coverage c = render();
            datasetPanel.show(c);
        } catch (BadInputException e) {
            hideContent();
            datasetPanel.clearCoverage();
            Div error = box("error", "var(--lumo-error-color-10pct)");
            error.add(new H3("The query was refused"), new Paragraph(e.getMessage()));
            status.add(error);
        }
        writeUrl();
    }

    /** Shows that nothing matches instead of the chart or table. */
    protected void showEmpty(Coverage c) {
        hideContent();
        Div empty = box("empty", "var(--lumo-contrast-5pct)");
        String filters = state.filters.isEmpty() ? "no value filter" : "filters " + state.filters;
        empty.add(new H3("Nothing matches"), new Paragraph("No row of the " + c.dates().size() + " included dates matches ("
                + (state.from == null ? "first date" : state.from) + " to " + (state.to == null ? "last date" : state.to)
                + ", " + ViewState.shorten(filters) + "). Widen the dates or clear filters."));
        status.add(empty);
    }

    protected void writeUrl() {
        QueryParameters qp = state.toQueryParameters(viewKeys());
        String path = RouteConfiguration.forSessionScope().getUrl(getClass());
        UI.getCurrent().getPage().getHistory().replaceState(null, new Location(path, qp));
        getParent().filter(MainLayout.class::isInstance).map(MainLayout.class::cast)
                .ifPresent(m -> m.setSharedParameters(state.sharedParameters()));
    }

    private void notice(String text, String id, String colour) {
        Div n = box(id, colour);
        n.setText(text);
        notices.add(n);
    }

    private void showState(String id, String title, String message, String command) {
        Div d = box(id, "var(--lumo-contrast-5pct)");
        d.add(new H3(title), new Paragraph(message));
        if (command != null) d.add(new Pre(command));
        add(d);
    }

    private static Div box(String id, String colour) {
        Div d = new Div();
        d.setId(id);
        d.getStyle().set("background", colour).set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("margin-bottom", "var(--lumo-space-s)")
                .set("overflow-wrap", "anywhere");
        return d;
    }

    // ---- sensible default choices ----

    /** The first dimension of time of day, or null. */
    static String timeDimension(DatasetSummary ds) {
        for (Dimension d : ds.dimensions()) if (AxisLabels.isTimeOfDay(d)) return d.name();
        return null;
    }

    /** The first binned dimension that is not time, or null. */
    static String binDimension(DatasetSummary ds) {
        for (Dimension d : ds.dimensions()) if (d.isBin() && !AxisLabels.isTimeOfDay(d)) return d.name();
        return null;
    }

    /** The first dimension not named in {@code not} (date last). */
    static String otherDimension(DatasetSummary ds, String... not) {
        List<String> excluded = List.of(not);
        for (Dimension d : ds.filterDimensions()) if (!excluded.contains(d.name())) return d.name();
        return excluded.contains(Dimension.DATE) ? null : Dimension.DATE;
    }

    /** A derived metric about returns, or the first derived, or the first metric. */
    static String defaultMetric(DatasetSummary ds) {
        for (String m : ds.derived()) if (m.contains("return")) return m;
        if (!ds.derived().isEmpty()) return ds.derived().get(0);
        return ds.metrics().get(0);
    }
}
