package io.vizflow;

/**
 * Input that VizFlow refuses: a missing or unreadable file, a missing column, a value of the wrong
 * type, a null where a value is required, a bad config key. The message names the file (or config
 * key), the column and the row or value, so a user can find and fix it.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
