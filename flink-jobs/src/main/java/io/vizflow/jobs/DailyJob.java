package io.vizflow.jobs;

import io.vizflow.BadInputException;
import io.vizflow.aggregate.Aggregate;
import io.vizflow.calendar.TradingCalendar;
import io.vizflow.calendar.TradingDay;
import io.vizflow.config.FifoSpec;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.enrich.FifoMatch;
import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagCondition;
import io.vizflow.enrich.TagRule;
import io.vizflow.enrich.TagRunning;
import io.vizflow.market.ParseTime;
import io.vizflow.partial.PartialSink;
import io.vizflow.partial.PartialLayout;
import io.vizflow.pipeline.DailyPipeline;
import io.vizflow.pipeline.SymbolDayFunction;
import io.vizflow.row.RowSchema;
import io.vizflow.source.FeatherFile;
import io.vizflow.source.FeatherSource;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.core.execution.DetachedJobExecutionResult;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-date job: one trading date's file in, one partial Parquet out (CONTRACT sections 1-6).
 *
 * <pre>
 * Feather source -> parse_time -> keyBy(symbol) -> enrich + forward_return -> time_cutoff -> bin
 *   -> aggregate (pre-aggregated and merged, or the Table API) -> Parquet, committed atomically
 *   under {output_dir}/date=YYYYMMDD/
 * </pre>
 *
 * Runs wherever {@link StreamExecutionEnvironment#getExecutionEnvironment} points: an embedded
 * MiniCluster from the command line, the cluster under {@code flink run}.
 */
public final class DailyJob {
    private final VizFlowConfig config;
    private final TradingDay day;
    private final LocalDate date;

    /** A date of the config's calendar (refused if not a trading day), or any date without one. */
    public DailyJob(VizFlowConfig config, LocalDate date) {
        this(config, config.calendar() == null ? TradingDay.alone(date)
                : TradingDay.in(TradingCalendar.load(config.calendar()), date));
    }

    public DailyJob(VizFlowConfig config, TradingDay day) {
        this.config = config;
        this.day = day;
        this.date = day.date();
    }

    /** The whole per-date pipeline, from the file to the aggregated rows. */
    Aggregate pipeline(StreamExecutionEnvironment env, FeatherFile file) {
        DailyPipeline parsed = parsed(env, file);
        Map<String, Double> binsAfter = binsAfterPerSymbol(parsed.schema());
        Map<String, Double> binsBefore = new LinkedHashMap<>(config.binwidths());
        binsBefore.keySet().removeAll(binsAfter.keySet());
        if (!binsBefore.isEmpty()) {
            parsed = parsed.bin(binsBefore);
        }
        DailyPipeline day = perSymbol(parsed, file);
        RowSchema perSymbol = day.schema(); // plans the per-symbol steps (binds them, compiles the conditions)
        List<String> read = columnsReadAfterPerSymbol(perSymbol, binsAfter.keySet());
        if (read != null && read.size() < perSymbol.size()) {
            day = day.select(read); // columns nothing reads are not carried through the per-symbol steps
        }
        if (config.timeCutoff() != null) {
            day = day.timeCutoff(config.timestampColumn(), config.timeCutoff());
        }
        if (!binsAfter.isEmpty()) {
            day = day.bin(binsAfter);
        }
        return day.aggregate(config.groupBy(), config.metrics());
    }

    /**
     * The bins of columns the per-symbol steps make (returns, tags, FIFO's), which come after them.
     * A column of the file ({@code parsed} has them) is binned before the shuffle: the steps carry
     * it unchanged to every row they make, so its bin is the same there, and the bin (an int64 of
     * a byte or two in a block) crosses the shuffle instead of the real (eight bytes) when nothing
     * after the steps reads the real itself.
     */
    Map<String, Double> binsAfterPerSymbol(RowSchema parsed) {
        Map<String, Double> after = new LinkedHashMap<>();
        config.binwidths().forEach((column, width) -> {
            if (!parsed.contains(column)) after.put(column, width);
        });
        return after;
    }

    /**
     * The columns of {@code schema} the steps after the per-symbol ones read: the time cutoff's,
     * the columns of the bins after them ({@code binned}), the group-by's and the metrics', in the
     * schema's order; null where that cannot be told.
     */
    List<String> columnsReadAfterPerSymbol(RowSchema schema, Set<String> binned) {
        List<String> metrics = Aggregate.columnsRead(schema, config.groupBy(), config.metrics().values());
        if (metrics == null) return null;
        Set<String> read = new HashSet<>(metrics);
        read.addAll(binned);
        if (config.timeCutoff() != null) read.add(config.timestampColumn());
        List<String> keep = new ArrayList<>();
        for (String c : schema.names()) {
            if (read.contains(c)) keep.add(c);
        }
        return keep;
    }

    /** The columns the config needs, read from the file, with {@code elapsed_seconds}. */
    DailyPipeline parsed(StreamExecutionEnvironment env, FeatherFile file) {
        InputPlan input = InputPlan.of(config, file);
        String origin = file.path().getFileName().toString();
        FeatherSource source = new FeatherSource(file.path().toAbsolutePath().toString(), input.columns);
        return DailyPipeline
                .fromBatches(env.fromSource(source.inColumnBatches(), WatermarkStrategy.noWatermarks(), "feather " + origin),
                        config.symbolColumn())
                .parseTime(config.timestampColumn(), config.market(), input.timeFormat, date, origin);
    }

    /** Enrichment and forward returns, per symbol. */
    DailyPipeline perSymbol(DailyPipeline day, FeatherFile file) {
        if (config.hasEnrich()) {
            day = day.enrich(tags(), fifo(file.path().getFileName().toString()));
        }
        long[] horizons = config.horizonsRead(); // a return nothing reads is not computed
        if (horizons.length > 0) {
            day = day.forwardReturns(horizons, config.tolerance(), config.priceColumn());
        }
        return day;
    }

    private List<TagRule> tags() {
        List<TagRule> tags = new ArrayList<>();
        config.conditions().forEach((name, expr) -> tags.add(TagCondition.of(name, expr)));
        config.running().forEach((name, spec) -> {
            try {
                tags.add(TagRunning.of(name, spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("enrich.running." + name + ": " + e.getMessage(), e);
            }
        });
        return tags;
    }

    private RowExpander fifo(String origin) {
        FifoSpec f = config.fifo();
        if (f == null) return null;
        return new FifoMatch(f.side(), f.qty(), f.price(), f.entrySide(), f.exitSide()).withOrigin(origin);
    }

    /** Runs the date and publishes its partial; throws {@link BadInputException} on bad input. */
    public RunSummary run() throws Exception {
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        Path inputFile = config.inputFile(date);
        FeatherFile.requireReadable(inputFile); // a missing date fails before any cluster starts

        // an embedded cluster starts first, the longest step before the job can run (~0.6-0.8 s):
        // the file's footer is read and the job planned while it starts
        org.apache.flink.configuration.Configuration conf = flinkConfiguration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobExecutionResult job;
        EmbeddedCluster.Execution execution = null;
        FeatherFile file;
        try (EmbeddedCluster cluster = env instanceof LocalStreamEnvironment
                ? EmbeddedCluster.start(conf, env.getParallelism()) : null) {
            if (cluster != null) {
                warmUpPublishing();
            }
            file = FeatherFile.open(inputFile);
            env.getConfig().setGlobalJobParameters(org.apache.flink.configuration.Configuration.fromMap(day.toJobParameters()));
            Aggregate partial;
            try {
                partial = pipeline(env, file);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(config.source() + ": " + e.getMessage(), e);
            }

            partial.rows()
                    .sinkTo(new PartialSink(config.outputDir(), date, partial.rowType()))
                    .setParallelism(1)
                    .name("publish date=" + date.toString().replace("-", ""));
            try {
                if (cluster != null) {
                    execution = cluster.execute(env);
                    job = execution.result();
                } else {
                    job = env.execute("vizflow " + date);
                }
            } catch (Exception e) {
                throw JobFailures.explain(e, inputFile);
            }
        }
        Path partialDir = PartialLayout.dateDir(config.outputDir(), date);
        long endMillis = System.currentTimeMillis();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<StageTime> stages = execution == null ? List.of() : StageTime.of(execution.graph(), startMillis, endMillis);
        if (job instanceof DetachedJobExecutionResult) {
            // submitted without waiting (Flink's REST API, a FlinkSessionJob): the job publishes the partial itself
            return new RunSummary(date, inputFile, file.rowCount(), -1, -1, -1, seconds, partialDir, List.of(),
                    PeakMemory.rssBytes(), stages);
        }
        if (!PartialLayout.isComplete(config.outputDir(), date)) {
            throw new IllegalStateException("the job of " + date + " finished but its partial is missing under " + partialDir);
        }
        List<Path> files = PartialLayout.files(config.outputDir(), date);
        Long pieces = job.getAccumulatorResult(SymbolDayFunction.OUTPUT_ROWS);
        Long clamped = job.getAccumulatorResult(ParseTime.CLAMPED_ROWS);
        return new RunSummary(date, inputFile, file.rowCount(), pieces != null ? pieces : file.rowCount(),
                clamped != null ? clamped : 0, countRows(files), seconds, partialDir, files, PeakMemory.rssBytes(), stages);
    }

    /**
     * Readies the writing of the partial (Parquet, Hadoop's configuration, Snappy: ~0.1 s) in the
     * background while the embedded cluster starts and the processors are partly idle, rather than
     * after the last row, where nothing else runs. Only a warm-up: if it fails, the sink does it all.
     */
    private static void warmUpPublishing() {
        Thread t = new Thread(() -> {
            try {
                PartialSink.warmUp();
            } catch (Exception | LinkageError e) {
                org.slf4j.LoggerFactory.getLogger(DailyJob.class).debug("warming up the partial's writer failed", e);
            }
        }, "vizflow-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * BATCH execution with object reuse (every VizFlow operator either emits fresh rows or rows it
     * no longer holds), the memory of the embedded MiniCluster (ignored by a real cluster, which
     * has its own), and the config's own {@code flink:} options on top.
     */
    org.apache.flink.configuration.Configuration flinkConfiguration() {
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.setString("pipeline.name", "vizflow " + date);
        conf.setString("pipeline.object-reuse", "true");
        EmbeddedCluster.defaults().forEach(conf::setString);
        for (Map.Entry<String, String> e : config.flink().entrySet()) {
            conf.setString(e.getKey(), e.getValue());
        }
        return conf;
    }

    private static long countRows(List<Path> files) throws IOException {
        long n = 0;
        for (Path f : files) {
            // Parquet's plain configuration: Hadoop's (its default XML files parsed) only to read a footer took ~0.1 s
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
                n += r.getRecordCount();
            }
        }
        return n;
    }
}
