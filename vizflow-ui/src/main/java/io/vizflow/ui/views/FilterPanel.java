package io.vizflow.ui.views;

import io.vizflow.query.Dimension;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.DimensionValues;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters every view shares: the date range (within the dates held) and the values kept of each
 * dimension (chosen among the dataset's values). A change writes into the {@link ViewState} and
 * calls back.
 */
class FilterPanel extends Div {
    private final ViewState state;
    private final Runnable changed;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Map<String, MultiSelectComboBox<String>> values = new HashMap<>();

    FilterPanel(DatasetSummary ds, List<DimensionValues> choices, ViewState state, Runnable changed) {
        this.state = state;
        this.changed = changed;
        setId("filter-panel");
        addClassName("vf-panel");
        add(new H4("Filters"));

        DatePicker.DatePickerI18n iso = new DatePicker.DatePickerI18n();
        iso.setDateFormat("yyyy-MM-dd");
        List<LocalDate> dates = ds.dates();
        for (DatePicker p : List.of(from, to)) {
            p.setI18n(iso);
            p.setClearButtonVisible(true);
            p.setWidthFull();
            if (!dates.isEmpty()) {
                p.setMin(dates.get(0));
                p.setMax(dates.get(dates.size() - 1));
                p.setInitialPosition(dates.get(0));
            }
        }
        from.setId("filter-from");
        to.setId("filter-to");
        from.setHelperText(dates.isEmpty() ? "" : "dates held: " + dates.get(0) + " – " + dates.get(dates.size() - 1));
        from.setValue(state.from);
        to.setValue(state.to);
        from.addValueChangeListener(e -> {
            if (!e.isFromClient()) return;
            state.from = e.getValue();
            changed.run();
        });
        to.addValueChangeListener(e -> {
            if (!e.isFromClient()) return;
            state.to = e.getValue();
            changed.run();
        });
        add(from, to);

        for (DimensionValues dv : choices) {
            Dimension d = dv.dimension();
            Map<String, String> labels = new HashMap<>();
            for (int i = 0; i < dv.values().size(); i++) labels.put(dv.values().get(i), dv.labels().get(i));
            // values from a shared link that the dataset lacks are shown too: they are plain values
            Set<String> items = new LinkedHashSet<>(dv.values());
            List<String> chosen = state.filters.getOrDefault(d.name(), List.of());
            items.addAll(chosen);
            MultiSelectComboBox<String> box = new MultiSelectComboBox<>(d.name());
            box.setId("filter-" + d.name());
            box.setItems(new ArrayList<>(items));
            box.setItemLabelGenerator(v -> labels.getOrDefault(v, v));
            box.setWidthFull();
            box.setPlaceholder("all");
            box.setValue(new LinkedHashSet<>(chosen));
            box.addValueChangeListener(e -> {
                if (!e.isFromClient()) return;
                List<String> kept = new ArrayList<>(e.getValue());
                if (kept.isEmpty()) state.filters.remove(d.name()); else state.filters.put(d.name(), kept);
                changed.run();
            });
            values.put(d.name(), box);
            add(box);
        }

        Button clear = new Button("Clear filters", e -> {
            state.from = null;
            state.to = null;
            state.filters.clear();
            from.clear();
            to.clear();
            values.values().forEach(MultiSelectComboBox::clear);
            changed.run();
        });
        clear.setId("filter-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(clear);
    }
}
