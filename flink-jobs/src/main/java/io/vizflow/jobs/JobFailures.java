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
        if (root instanceof OutOfMemoryError) {
            return new RuntimeException("the job for " + input + " ran out of memory (" + root.getMessage()
                    + ", heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): give it more with VIZFLOW_HEAP,"
                    + " for example VIZFLOW_HEAP=2g", failure);
        }
        return new RuntimeException("the job for " + input + " failed: " + root, failure);
    }
}
