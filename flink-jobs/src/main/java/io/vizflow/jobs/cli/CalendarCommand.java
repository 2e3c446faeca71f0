package io.vizflow.jobs.cli;

import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** {@code vizflow calendar generate|range|prev|next}: trading days. */
@Command(name = "calendar", mixinStandardHelpOptions = true,
        description = "Generate and query trading calendars.",
        subcommands = {CalendarCommand.Generate.class, CalendarCommand.Range.class,
                CalendarCommand.Prev.class, CalendarCommand.Next.class})
final class CalendarCommand {

    /** Where a calendar comes from: --calendar FILE, or the config's calendar key. */
    static final class Source {
        @Option(names = "--calendar", description = "A calendar CSV (date[,prev_trading_day,next_trading_day]).")
        Path calendar;

        @Option(names = "--config", description = "Take the calendar file from this config's `calendar` key.")
        Path config;

        TradingCalendar load() {
            if (calendar != null) return TradingCalendar.load(calendar);
            if (config != null) {
                Path c = VizFlowConfig.load(config).calendar();
                if (c == null) {
                    throw new io.vizflow.BadInputException(config + ": calendar: no calendar file is configured");
                }
                return TradingCalendar.load(c);
            }
            throw new io.vizflow.BadInputException("name a calendar with --calendar FILE or --config FILE");
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write the weekdays from..to minus holidays as a calendar CSV.")
    static final class Generate implements Runnable {
        @Spec CommandSpec spec;
        @Option(names = "--from", required = true, converter = Dates.class) LocalDate from;
        @Option(names = "--to", required = true, converter = Dates.class) LocalDate to;
        @Option(names = "--holidays", description = "A file of holiday dates, one per line.") Path holidays;
        @Option(names = "--out", required = true, description = "The calendar CSV to write.") Path out;

        @Override
        public void run() {
            List<LocalDate> off = holidays == null ? List.of() : TradingCalendar.readHolidays(holidays);
            TradingCalendar cal = TradingCalendar.weekdays(from, to, off);
            cal.write(out);
            spec.commandLine().getOut().println("wrote " + out + ": " + cal.size() + " trading days "
                    + TradingCalendar.format(cal.first()) + ".." + TradingCalendar.format(cal.last()));
        }
    }

    @Command(name = "range", mixinStandardHelpOptions = true, description = "Print the trading days from..to.")
    static final class Range implements Runnable {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Source source = new Source();
        @Option(names = "--from", required = true, converter = Dates.class) LocalDate from;
        @Option(names = "--to", required = true, converter = Dates.class) LocalDate to;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (LocalDate d : source.load().range(from, to)) out.println(TradingCalendar.format(d));
        }
    }

    @Command(name = "prev", mixinStandardHelpOptions = true, description = "Print the trading day before DATE.")
    static final class Prev implements Runnable {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Source source = new Source();
        @Parameters(converter = Dates.class, paramLabel = "DATE") LocalDate date;

        @Override
        public void run() {
            spec.commandLine().getOut().println(TradingCalendar.format(source.load().prev(date)));
        }
    }

    @Command(name = "next", mixinStandardHelpOptions = true, description = "Print the trading day after DATE.")
    static final class Next implements Runnable {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Source source = new Source();
        @Parameters(converter = Dates.class, paramLabel = "DATE") LocalDate date;

        @Override
        public void run() {
            spec.commandLine().getOut().println(TradingCalendar.format(source.load().next(date)));
        }
    }
}
