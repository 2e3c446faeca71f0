package io.vizflow.ui.data;

import java.nio.file.Path;

/** There is no consolidated dataset (yet) where the config says it is. */
public class NoDatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path directory;

    public NoDatasetException(Path directory, String message) {
        super(message);
        this.directory = directory;
    }

    /** Where the dataset should be. */
    public Path directory() {
        return directory;
    }
}
