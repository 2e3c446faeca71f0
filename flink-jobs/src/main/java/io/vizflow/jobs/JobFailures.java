package io.vizflow.jobs;

import io.vizflow.BadInputException;

import java.nio.file.Path;

/** Turns a failed Flink job into the error a user can act on. */
final class JobFailures {
    private JobFailures() {}

    /** The {@link BadInputException} in the cause chain, or the root cause with the input named. */
    static RuntimeException explain(Throwable failure, Path input) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadInputException) {
                return (BadInputException) t;
            }
            root = t;
        }
        return new RuntimeException("the job for " + input + " failed: " + root, failure);
    }
}
