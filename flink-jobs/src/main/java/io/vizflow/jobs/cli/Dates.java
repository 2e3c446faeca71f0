package io.vizflow.jobs.cli;

import io.vizflow.calendar.TradingCalendar;

import picocli.CommandLine.ITypeConverter;

import java.time.LocalDate;

/** Parses YYYYMMDD dates on the command line. */
final class Dates implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
        return TradingCalendar.parseDate(value);
    }
}
