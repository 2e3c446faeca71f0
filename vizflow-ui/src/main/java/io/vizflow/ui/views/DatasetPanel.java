package io.vizflow.ui.views;

import io.vizflow.ui.data.Coverage;
import io.vizflow.ui.data.DatasetSummary;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Which dataset is shown, which of its dates the view includes and how many rows stand behind them. */
class DatasetPanel extends Div {
    private final Span held = new Span();
    private final Span included = new Span();
    private final Span rows = new Span();

    DatasetPanel(DatasetSummary ds) {
        setId("dataset-panel");
        addClassName("vf-panel");
        held.setId("dataset-held");
        included.setId("included-dates");
        rows.setId("included-rows");
        Span dir = new Span(ds.directory().toString());
        dir.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-xs)").set("word-break", "break-all");
        held.setText(heldText(ds));
        add(new H4("Dataset"), line(dir), line(held), line(new Span("consolidated " + when(ds.updated()))), line(included), line(rows));
    }

    /** Shows what a result covers. */
    void show(Coverage c) {
        List<LocalDate> d = c.dates();
        included.setText("Included: " + d.size() + " of " + dates(c.datesHeld()) + (d.isEmpty() ? "" : ": " + dates(d)));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d dataset rows", c.datasetRows()));
        if (c.counted() != null) sb.append(String.format(Locale.ROOT, " · %,d counted (%s, after the filters)", c.counted(), c.countMetric()));
        rows.setText(sb.toString());
    }

    void clearCoverage() {
        included.setText("");
        rows.setText("");
    }

    static String heldText(DatasetSummary ds) {
        List<LocalDate> d = ds.dates();
        return String.format(Locale.ROOT, "Held: %s%s, %,d rows", dates(d.size()),
                d.isEmpty() ? "" : " (" + d.get(0) + " – " + d.get(d.size() - 1) + ")", ds.rows());
    }

    private static String dates(int n) {
        return n + (n == 1 ? " date" : " dates");
    }

    private static String when(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .format(java.time.Instant.parse(instant).atZone(java.time.ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return String.valueOf(instant);
        }
    }

    private static String dates(List<LocalDate> d) {
        if (d.size() <= 8) return String.join(", ", d.stream().map(LocalDate::toString).toList());
        return d.get(0) + ", " + d.get(1) + ", … , " + d.get(d.size() - 1);
    }

    private static Div line(com.vaadin.flow.component.Component c) {
        Div div = new Div(c);
        div.getStyle().set("margin", "0.2em 0");
        return div;
    }
}
