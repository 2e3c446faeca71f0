package io.vizflow.ui.views;

import com.vaadin.flow.component.combobox.ComboBox;

import java.util.List;
import java.util.function.Consumer;

/** The small choice boxes of the views. */
final class Choices {
    private Choices() {}

    /** A box choosing one of {@code items}, showing {@code value}; a choice by the user calls {@code chosen}. */
    static ComboBox<String> of(String label, String id, List<String> items, String value, Consumer<String> chosen) {
        ComboBox<String> box = new ComboBox<>(label);
        box.setId(id);
        box.setItems(items);
        box.setValue(value);
        box.setAllowCustomValue(false);
        box.setWidth("16em");
        box.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) chosen.accept(e.getValue());
        });
        return box;
    }
}
