package io.vizflow.query;

import io.vizflow.BadInputException;

/**
 * A query or a dataset VizFlow refuses: an unknown dimension or metric, a filter value of the wrong
 * type, a date the dataset does not hold, a consolidated dataset that is missing or damaged. The
 * message says what is wrong and what is available.
 */
public class QueryException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
