package io.vizflow.ui.data;

import io.vizflow.query.Dimension;

import java.util.List;

/**
 * The values a dimension takes in the dataset, for its filter.
 *
 * @param dimension the dimension
 * @param values    its values as text (what a filter takes), in order
 * @param labels    what a person reads for each value
 */
public record DimensionValues(Dimension dimension, List<String> values, List<String> labels) {
    public DimensionValues {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
    }
}
