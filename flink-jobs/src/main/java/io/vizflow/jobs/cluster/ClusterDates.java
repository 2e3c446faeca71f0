package io.vizflow.jobs.cluster;

import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;

import java.time.LocalDate;
import java.util.List;

/** The dates a cluster submission covers: the config's trading calendar, or weekdays without one. */
public final class ClusterDates {
    private ClusterDates() {}

    /** The trading days in [from, to] of the config's {@code calendar} file, or every weekday if it has none. */
    public static List<LocalDate> between(VizFlowConfig config, LocalDate from, LocalDate to) {
        if (config.calendar() == null) {
            return TradingCalendar.weekdays(from, to, List.of()).dates();
        }
        return TradingCalendar.load(config.calendar()).range(from, to);
    }
}
