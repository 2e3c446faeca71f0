package io.vizflow.jobs;

import java.time.LocalDate;

/** How one date of a batch ended. */
public record DateOutcome(LocalDate date, Status status, RunSummary summary, String error) {

    public enum Status { DONE, SKIPPED, FAILED }

    static DateOutcome done(RunSummary s) {
        return new DateOutcome(s.date(), Status.DONE, s, null);
    }

    static DateOutcome skipped(LocalDate d) {
        return new DateOutcome(d, Status.SKIPPED, null, null);
    }

    static DateOutcome failed(LocalDate d, String error) {
        return new DateOutcome(d, Status.FAILED, null, error);
    }
}
