package io.vizflow.ui.data;

import io.vizflow.query.Dimension;

import java.util.List;

/**
 * A chart axis over one dimension: its values in order, each with the label a person reads (a
 * bin's real value, a time of day), not the bin index.
 *
 * @param dimension the dimension
 * @param title     what the labels are ({@code alpha1}, {@code time of day}, {@code side})
 * @param keys      the dimension's values (bin indices, texts, dates), in order
 * @param labels    one label per key
 */
public record Axis(Dimension dimension, String title, List<Object> keys, List<String> labels) {
    public Axis {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys)); // may hold null
        labels = List.copyOf(labels);
    }

    public int indexOf(Object key) {
        return keys.indexOf(key);
    }
}
