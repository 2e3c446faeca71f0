package io.vizflow.jobs;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.pipeline.DailyPipeline;
import io.vizflow.source.FeatherFile;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Where a date's time goes. Stages run pipelined in one job, so they cannot be timed apart inside
 * it; instead the job is run cut after each stage (the rest discarded) and the stage's cost is the
 * difference to the cut before: read (source + parse_time), per symbol (shuffle, sort, enrich,
 * forward returns), and bin + aggregate + write (the whole job).
 */
public final class StageBench {
    /** One measured cut. */
    public record Stage(String name, double cumulativeSeconds, double stageSeconds) {}

    private final VizFlowConfig config;
    private final LocalDate date;

    public StageBench(VizFlowConfig config, LocalDate date) {
        this.config = config;
        this.date = date;
    }

    public List<Stage> run() throws Exception {
        DailyJob job = new DailyJob(config, date);
        FeatherFile file = FeatherFile.open(config.inputFile(date));
        List<Stage> stages = new ArrayList<>();
        double read = cut(job, file, (env, f) -> job.parsed(env, f).batches());
        stages.add(new Stage("read (source, parse_time)", read, read));
        double perSymbol = cut(job, file, (env, f) -> job.perSymbol(job.parsed(env, f), f).batches());
        stages.add(new Stage("per symbol (shuffle, sort, enrich, forward returns)", perSymbol, perSymbol - read));
        Path out = Files.createTempDirectory("vizflow-bench");
        try {
            long start = System.nanoTime();
            new DailyJob(config.withOutputDir(out), date).run();
            double all = (System.nanoTime() - start) / 1e9;
            stages.add(new Stage("bin, aggregate, write", all, all - perSymbol));
        } finally {
            io.vizflow.partial.PartialLayout.deleteQuietly(out);
        }
        return stages;
    }

    private double cut(DailyJob job, FeatherFile file,
                       BiFunction<StreamExecutionEnvironment, FeatherFile, DataStream<?>> prefix) throws Exception {
        long start = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        discard(prefix.apply(env, file));
        env.execute("vizflow bench " + date);
        return (System.nanoTime() - start) / 1e9;
    }

    private static <T> void discard(DataStream<T> stream) {
        stream.sinkTo(new DiscardingSink<>()).name("discard");
    }
}
