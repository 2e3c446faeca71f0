package io.vizflow.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.HighlightConditions;

import java.util.List;

/** The frame of every view: the title and the links to the views, which carry the shared filters. */
public class MainLayout extends AppLayout {
    private final List<RouterLink> links;

    public MainLayout() {
        H1 title = new H1("VizFlow");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0 var(--lumo-space-l) 0 var(--lumo-space-m)");
        links = List.of(link("Heatmap", HeatmapView.class, "nav-heatmap"), link("Lines", LinesView.class, "nav-lines"),
                link("Table", TableView.class, "nav-table"));
        HorizontalLayout nav = new HorizontalLayout(title);
        links.forEach(nav::add);
        nav.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        nav.setSpacing(true);
        addToNavbar(nav);
    }

    private static RouterLink link(String text, Class<? extends Component> view, String id) {
        RouterLink l = new RouterLink(text, view);
        l.setId(id);
        l.setHighlightCondition(HighlightConditions.sameLocation());
        l.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        return l;
    }

    /** The links to the views keep these (shared) parameters. */
    void setSharedParameters(QueryParameters parameters) {
        links.forEach(l -> l.setQueryParameters(parameters));
    }
}
