package io.vizflow.jobs.cli;

import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.query.Dataset;
import io.vizflow.query.DerivedMetric;
import io.vizflow.query.Dimension;
import io.vizflow.query.Metric;
import io.vizflow.query.Query;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vizflow query --config FILE [--from D] [--to D | --dates D,...] [--where DIM=VALUE ...]
 * [--range DIM=LO..HI] [--group-by A[,B]] [--metrics M,...] [--csv] [--describe]}: a result table
 * (or CSV) from the consolidated dataset.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Query the consolidated dataset: choose dates, filter dimension values, group by one or two "
                + "dimensions, any metrics and derived metrics. Prints a table, or CSV with --csv.")
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--config", description = "The YAML config (its consolidated_dir).")
        Path config;

        @Option(names = "--dataset", description = "The consolidated dataset's folder (no config needed).")
        Path dataset;
    }

    @Option(names = "--from", converter = Dates.class, description = "First date YYYYMMDD (default: the first held).")
    LocalDate from;

    @Option(names = "--to", converter = Dates.class, description = "Last date YYYYMMDD (default: the last held).")
    LocalDate to;

    @Option(names = "--dates", split = ",", converter = Dates.class,
            description = "Exactly these dates YYYYMMDD, comma-separated (each must be held).")
    List<LocalDate> dates;

    @Option(names = {"--where", "-w"}, paramLabel = "DIM=VALUE",
            description = "Keep rows whose DIM is VALUE; repeat for more values (of one DIM: any; of several: all).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--range", paramLabel = "DIM=LO..HI",
            description = "Keep rows whose numeric DIM (a bin index) is in [LO, HI]; either end may be left out.")
    List<String> ranges = new ArrayList<>();

    @Option(names = {"--group-by", "-g"}, split = ",", description = "One or two dimensions, comma-separated.")
    List<String> groupBy = new ArrayList<>();

    @Option(names = {"--metrics", "-m"}, split = ",",
            description = "Metrics and derived metrics, comma-separated (default: all).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--csv", description = "Print CSV (full precision) instead of a table.")
    boolean csv;

    @Option(names = "--describe", description = "Print the dataset's dimensions, metrics, derived metrics and dates.")
    boolean describe;

    @Option(names = "--storage", description = "auto (default), memory or parquet.", defaultValue = "auto")
    String storage;

    @Override
    public Integer call() {
        Path dir = where.dataset != null ? where.dataset : VizFlowConfig.load(where.config).consolidatedDir();
        PrintWriter out = spec.commandLine().getOut();
        try (QueryService service = QueryService.open(dir, storage())) {
            Dataset ds = service.dataset();
            if (describe) {
                out.print(describe(ds));
                out.flush();
                return 0;
            }
            QueryResult r = service.run(query(ds));
            if (csv) {
                out.print(r.toCsv());
            } else {
                out.print(r.toText());
                List<LocalDate> d = r.dates();
                out.printf(Locale.ROOT, "%,d rows, %,d dates%s, %d ms%n", r.size(), d.size(),
                        d.isEmpty() ? "" : " (" + d.get(0) + ".." + d.get(d.size() - 1) + ")", r.elapsed().toMillis());
            }
            out.flush();
        }
        return 0;
    }

    private QueryService.Storage storage() {
        try {
            return QueryService.Storage.valueOf(storage.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--storage: expected auto, memory or parquet, got '" + storage + "'");
        }
    }

    private Query query(Dataset ds) {
        Query.Builder q = Query.builder();
        if (dates != null && !dates.isEmpty()) {
            if (from != null || to != null) throw new BadInputException("--dates: give either --dates or --from/--to");
            q.dates(dates);
        } else {
            q.dates(from, to);
        }
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new BadInputException("--where: expected DIM=VALUE, got '" + f + "'");
            q.where(f.substring(0, eq), f.substring(eq + 1));
        }
        for (String r : ranges) {
            int eq = r.indexOf('=');
            int dots = r.indexOf("..", eq + 1);
            if (eq <= 0 || dots < 0) throw new BadInputException("--range: expected DIM=LO..HI, got '" + r + "'");
            q.whereBetween(r.substring(0, eq), bound(r, r.substring(eq + 1, dots)), bound(r, r.substring(dots + 2)));
        }
        q.groupBy(groupBy);
        if (metrics.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (Metric m : ds.metrics()) all.add(m.name());
            for (DerivedMetric d : ds.derived()) all.add(d.name());
            q.metrics(all);
        } else {
            q.metrics(metrics);
        }
        return q.build();
    }

    private static Long bound(String option, String text) {
        if (text.isBlank()) return null;
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--range: '" + text + "' is not a whole number in '" + option + "'");
        }
    }

    static String describe(Dataset ds) {
        StringBuilder sb = new StringBuilder();
        sb.append("dataset     ").append(ds.directory()).append('\n');
        var d = ds.dates();
        sb.append("dates       ").append(d.size()).append(d.isEmpty() ? "" : " (" + d.first() + ".." + d.last() + ")").append('\n');
        sb.append("rows        ").append(ds.rows()).append('\n');
        sb.append("dimensions\n");
        for (Dimension dim : ds.dimensions()) {
            sb.append("  ").append(dim.name()).append("  ").append(dim.type().name().toLowerCase(Locale.ROOT));
            if (dim.isBin()) sb.append("  bin of ").append(dim.binOf()).append(", width ").append(dim.binWidth());
            sb.append('\n');
        }
        sb.append("metrics\n");
        for (Metric m : ds.metrics()) {
            sb.append("  ").append(m.name()).append("  ").append(m.expression()).append("  merged by ")
                    .append(m.merge()).append('\n');
        }
        if (!ds.derived().isEmpty()) {
            sb.append("derived\n");
            for (DerivedMetric m : ds.derived()) sb.append("  ").append(m.name()).append("  ").append(m.expression()).append('\n');
        }
        return sb.toString();
    }
}
