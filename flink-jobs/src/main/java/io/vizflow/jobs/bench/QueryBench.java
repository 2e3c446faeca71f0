package io.vizflow.jobs.bench;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.consolidate.ConsolidateJob;
import io.vizflow.jobs.consolidate.ConsolidationSummary;
import io.vizflow.query.Query;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The consolidation and query benchmark: synthetic alpha-pipeline partials of N dates (about 450
 * groups each), consolidated (N - 1 dates, then the last one incrementally), then the heatmap query
 * the UI asks most (alpha1 bin x half hour, count and mean 60 s return, all dates) timed many times,
 * with the dataset in memory and read from its Parquet files.
 */
public final class QueryBench {
    private final Path dir;
    private final int dates;
    private final int runs;
    private final PrintWriter out;

    public QueryBench(Path dir, int dates, int runs, PrintWriter out) {
        this.dir = dir;
        this.dates = dates;
        this.runs = runs;
        this.out = out;
    }

    public void run() throws Exception {
        Path partials = dir.resolve("partials");
        Path consolidated = dir.resolve("consolidated");
        Path config = dir.resolve("bench.yaml");
        Files.createDirectories(dir);
        Files.writeString(config, SyntheticPartials.config(partials, consolidated));
        List<LocalDate> days = SyntheticPartials.weekdays(LocalDate.of(2023, 1, 2), dates);

        long t0 = System.nanoTime();
        long groups = 0;
        for (LocalDate d : days.subList(0, dates - 1)) groups += SyntheticPartials.write(partials, d);
        out.printf(Locale.ROOT, "partials      %,d dates, %,d groups (%.0f a date), written in %.1f s%n", dates - 1,
                groups, groups / (double) (dates - 1), (System.nanoTime() - t0) / 1e9);
        out.flush();

        VizFlowConfig cfg = VizFlowConfig.load(config);
        ConsolidationSummary all = new ConsolidateJob(cfg, true).run();
        out.printf(Locale.ROOT, "consolidate   %,d dates in %.1f s (Flink MiniCluster, all dates)%n", all.held().size(), all.seconds());
        SyntheticPartials.write(partials, days.get(dates - 1));
        ConsolidationSummary more = new ConsolidateJob(cfg).run();
        out.printf(Locale.ROOT, "consolidate   +%d date in %.1f s (incremental: %,d unchanged)%n", more.added().size(),
                more.seconds(), more.unchanged());
        ConsolidationSummary none = new ConsolidateJob(cfg).run();
        out.printf(Locale.ROOT, "consolidate   nothing new in %.2f s%n", none.seconds());
        out.flush();

        Query heatmap = Query.builder().groupBy("alpha1_bin", "elapsed_seconds_bin")
                .metrics("count", "mean_return_60").build();
        for (QueryService.Storage storage : List.of(QueryService.Storage.MEMORY, QueryService.Storage.PARQUET)) {
            long open = System.nanoTime();
            try (QueryService service = QueryService.open(consolidated, storage)) {
                double openMs = (System.nanoTime() - open) / 1e6;
                QueryResult first = service.run(heatmap);
                for (int i = 0; i < Math.min(20, runs); i++) service.run(heatmap);
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) ms[i] = service.run(heatmap).elapsed().toNanos() / 1e6;
                Arrays.sort(ms);
                out.printf(Locale.ROOT, "heatmap %-7s %,d cells over %,d dates: p50 %.1f ms, p95 %.1f ms, max %.1f ms "
                                + "(%d runs; open %.0f ms, first query %.1f ms)%n",
                        storage.name().toLowerCase(Locale.ROOT), first.size(), first.dates().size(),
                        ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], runs, openMs,
                        first.elapsed().toNanos() / 1e6);
                out.flush();
            }
        }
    }
}
