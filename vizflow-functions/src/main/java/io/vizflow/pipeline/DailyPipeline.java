package io.vizflow.pipeline;

import io.vizflow.aggregate.Aggregate;
import io.vizflow.bin.Bin;
import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagRule;
import io.vizflow.market.Market;
import io.vizflow.market.ParseTime;
import io.vizflow.market.TimeFormat;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.BatchRows;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnBatchTypeInfo;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlockTypeInfo;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowTypeInfo;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One trading date's pipeline, written step by step as a Polars user would:
 *
 * <pre>{@code
 * Aggregate partial = DailyPipeline.from(rows, "ukey")
 *         .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, date, file)
 *         .enrich(List.of(TagCondition.of("is_large", "qty > 10000"), TagRunning.of("n", "count")),
 *                 FifoMatch.of("side", "qty", "price"))
 *         .forwardReturns(new long[] {60, 300, 600}, null, "mid")
 *         .bin(Map.of("alpha1", 1e-4))
 *         .aggregate(List.of("alpha1_bin", "side", "is_closed"), Map.of("count", "COUNT(*)"));
 * }</pre>
 *
 * Each step returns a new pipeline; nothing runs until the job executes. The per-symbol steps
 * ({@link #enrich} and {@link #forwardReturns}) are fused into one keyed operator,
 * {@link SymbolDayFunction}, so the day is shuffled and sorted by symbol once, in blocks of a
 * symbol's rows ({@link SymbolBlocks}). Requires BATCH execution, which delivers each symbol's
 * blocks together, after one another.
 *
 * <p>Rows travel in {@link ColumnBatch}es where they can: from {@link #fromBatches} through
 * {@code parse_time}, out of the per-symbol steps, through {@code bin} and into the first step of
 * {@code aggregate}, each a loop per column over a batch; a step that takes rows
 * ({@link #timeCutoff}, {@link #stream()}) gets them one by one.
 */
public final class DailyPipeline {
    private final DataStream<VizRow> stream; // null while the rows are in batches
    private final DataStream<ColumnBatch> batches; // before the per-symbol steps, if any
    private final String symbol;
    private final Market market;
    private final ForwardReturns forwardReturns;
    private final List<TagRule> tags;
    private final RowExpander expander;
    /** The columns kept after the per-symbol steps still to be added to the job (null: all). */
    private final List<String> selected;

    private DailyPipeline(DataStream<VizRow> stream, String symbol, Market market,
                          ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander) {
        this(stream, null, symbol, market, forwardReturns, tags, expander, null);
    }

    private DailyPipeline(DataStream<VizRow> stream, DataStream<ColumnBatch> batches, String symbol, Market market,
                          ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander,
                          List<String> selected) {
        this.stream = stream;
        this.batches = batches;
        this.symbol = symbol;
        this.market = market;
        this.forwardReturns = forwardReturns;
        this.tags = List.copyOf(tags);
        this.expander = expander;
        this.selected = selected;
    }

    /** A pipeline over a stream of rows (with a {@code row_id} column) whose symbol is {@code symbolColumn}. */
    public static DailyPipeline from(DataStream<VizRow> rows, String symbolColumn) {
        RowSchema schema = VizRowTypeInfo.schemaOf(rows.getType());
        schema.indexOf(symbolColumn);
        schema.indexOf("row_id", ColumnType.LONG);
        return new DailyPipeline(rows, symbolColumn, null, null, List.of(), null);
    }

    /**
     * A pipeline over a stream of {@link ColumnBatch}es (with a {@code row_id} column), such as
     * {@link io.vizflow.source.FeatherSource#inColumnBatches()}: {@link #parseTime} and the grouping
     * by symbol before the per-symbol steps then run batch by batch, column by column.
     */
    public static DailyPipeline fromBatches(DataStream<ColumnBatch> batches, String symbolColumn) {
        RowSchema schema = ColumnBatchTypeInfo.schemaOf(batches.getType());
        schema.indexOf(symbolColumn);
        schema.indexOf("row_id", ColumnType.LONG);
        return new DailyPipeline(null, batches, symbolColumn, null, null, List.of(), null, null);
    }

    /** {@code parse_time}: adds {@code elapsed_seconds} from the timestamp column. */
    public DailyPipeline parseTime(String timeColumn, Market market, TimeFormat format, LocalDate date, String origin) {
        if (batches != null && !hasPerSymbolSteps()) {
            RowSchema in = ColumnBatchTypeInfo.schemaOf(batches.getType());
            DataStream<ColumnBatch> out = batches
                    .map(new ParseTime.OnBatches(in, timeColumn, market, format, date, origin))
                    .returns(new ColumnBatchTypeInfo(ParseTime.outputSchema(in)))
                    .name("parse_time");
            return new DailyPipeline(null, out, symbol, market, null, List.of(), null, null);
        }
        DataStream<VizRow> s = stream();
        RowSchema in = VizRowTypeInfo.schemaOf(s.getType());
        DataStream<VizRow> out = s.map(new ParseTime(in, timeColumn, market, format, date, origin))
                .returns(new VizRowTypeInfo(ParseTime.outputSchema(in)))
                .name("parse_time");
        return new DailyPipeline(out, symbol, market, null, List.of(), null);
    }

    /**
     * Enrichment: the tags run on every input row of a symbol in order, then the expander (for
     * example {@link io.vizflow.enrich.FifoMatch}, or null) turns each row into its pieces.
     */
    public DailyPipeline enrich(List<TagRule> tagRules, RowExpander rowExpander) {
        if (expander != null || !tags.isEmpty()) {
            throw new IllegalStateException("enrich is already part of this pipeline");
        }
        requireNoSelect();
        return new DailyPipeline(stream, batches, symbol, requireMarket(), forwardReturns, tagRules, rowExpander, null);
    }

    /** {@code forward_return} at each horizon (seconds), with an optional tolerance (seconds). */
    public DailyPipeline forwardReturns(long[] horizons, Long tolerance, String priceColumn) {
        if (forwardReturns != null) {
            throw new IllegalStateException("forwardReturns is already part of this pipeline");
        }
        requireNoSelect();
        ForwardReturns fr = new ForwardReturns(horizons, tolerance, priceColumn, requireMarket().totalSeconds());
        return new DailyPipeline(stream, batches, symbol, market, fr, tags, expander, null);
    }

    /** {@code time_cutoff}: drops rows whose raw timestamp is at or after {@code cutoff}. */
    public DailyPipeline timeCutoff(String timeColumn, long cutoff) {
        DataStream<VizRow> s = stream(); // rows: a filter drops rows, which a batch's columns do not do in place
        int t = VizRowTypeInfo.schemaOf(s.getType()).indexOf(timeColumn, ColumnType.LONG);
        DataStream<VizRow> out = s.filter((FilterFunction<VizRow>) row -> row.getLong(t) < cutoff)
                .returns(s.getType())
                .name("time_cutoff");
        return new DailyPipeline(out, symbol, market, null, List.of(), null);
    }

    /**
     * {@code select}: keeps only the columns named, in that order, as Polars' {@code select} of
     * plain columns does. Right after the per-symbol steps it is part of them: they hand on only
     * these columns, and the rows shuffled to them carry only the columns these steps read and
     * those selected (a column nothing reads never crosses the shuffle).
     *
     * @throws IllegalArgumentException naming a column that does not exist
     */
    public DailyPipeline select(List<String> columns) {
        RowSchema out = schema().select(columns);
        if (hasPerSymbolSteps()) {
            return new DailyPipeline(stream, batches, symbol, market, forwardReturns, tags, expander, List.copyOf(columns));
        }
        if (batches != null) {
            RowSchema in = ColumnBatchTypeInfo.schemaOf(batches.getType());
            DataStream<ColumnBatch> b = batches.map(new SelectColumns.OnBatches(in, columns))
                    .returns(new ColumnBatchTypeInfo(out)).name("select");
            return new DailyPipeline(null, b, symbol, market, null, List.of(), null, null);
        }
        RowSchema in = VizRowTypeInfo.schemaOf(stream.getType());
        DataStream<VizRow> s = stream.map(new SelectColumns(in, columns)).returns(new VizRowTypeInfo(out)).name("select");
        return new DailyPipeline(s, symbol, market, null, List.of(), null);
    }

    /** {@code bin}: adds {@code col_bin} for each {@code col: width}. */
    public DailyPipeline bin(Map<String, Double> widths) {
        DataStream<ColumnBatch> b = inBatches();
        if (b != null) {
            Bin.OnBatches bin = new Bin(ColumnBatchTypeInfo.schemaOf(b.getType()), widths).onBatches();
            DataStream<ColumnBatch> out = b.map(bin).returns(new ColumnBatchTypeInfo(bin.outputSchema())).name("bin");
            return new DailyPipeline(null, out, symbol, market, null, List.of(), null, null);
        }
        DataStream<VizRow> s = stream();
        Bin bin = new Bin(VizRowTypeInfo.schemaOf(s.getType()), widths);
        DataStream<VizRow> out = s.map(bin).returns(new VizRowTypeInfo(bin.outputSchema())).name("bin");
        return new DailyPipeline(out, symbol, market, null, List.of(), null);
    }

    /** {@code aggregate}: group by the columns, one Flink SQL aggregate expression per metric. */
    public Aggregate aggregate(List<String> groupBy, Map<String, String> metrics) {
        DataStream<ColumnBatch> b = inBatches();
        return b != null ? Aggregate.ofBatches(b, groupBy, metrics) : Aggregate.of(stream, groupBy, metrics);
    }

    /** The columns the rows have after the steps so far. */
    public RowSchema schema() {
        RowSchema in = stream != null ? VizRowTypeInfo.schemaOf(stream.getType())
                : ColumnBatchTypeInfo.schemaOf(batches.getType());
        return hasPerSymbolSteps() ? perSymbolFunction(in).outputSchema() : in; // planned, not added to the job
    }

    /** The rows after the steps so far in column batches, as the steps that take batches take them. */
    public DataStream<ColumnBatch> batches() {
        DataStream<ColumnBatch> b = inBatches();
        return b != null ? b : input();
    }

    /** The rows after the steps so far in column batches, or null while they are a stream of rows. */
    private DataStream<ColumnBatch> inBatches() {
        return hasPerSymbolSteps() ? perSymbol() : batches;
    }

    private boolean hasPerSymbolSteps() {
        return forwardReturns != null || !tags.isEmpty() || expander != null;
    }

    /** The rows before the per-symbol steps, in column batches. */
    private DataStream<ColumnBatch> input() {
        if (batches != null) return batches;
        RowSchema schema = VizRowTypeInfo.schemaOf(stream.getType());
        return stream.transform("column batches", new ColumnBatchTypeInfo(schema), new RowsToBatches(schema));
    }

    /** The rows after the steps so far, as a Flink stream. */
    public DataStream<VizRow> stream() {
        DataStream<ColumnBatch> b = inBatches();
        if (b == null) return stream;
        return b.flatMap(new BatchRows()).returns(new VizRowTypeInfo(ColumnBatchTypeInfo.schemaOf(b.getType()))).name("rows");
    }

    /** The per-symbol steps, fused into one keyed operator that hands its rows on in column batches. */
    private DataStream<ColumnBatch> perSymbol() {
        RowSchema in = stream != null ? VizRowTypeInfo.schemaOf(stream.getType())
                : ColumnBatchTypeInfo.schemaOf(batches.getType());
        SymbolDayFunction<Object> fn = perSymbolFunction(in);
        DataStream<ColumnBatch> input = input();
        List<String> shuffled = shuffledColumns(in, fn.columnsRead());
        if (shuffled.size() < in.size()) {
            input = input.map(new SelectColumns.OnBatches(in, shuffled))
                    .returns(new ColumnBatchTypeInfo(in.select(shuffled))).name("select");
            in = in.select(shuffled);
            fn = perSymbolFunction(in);
        }
        @SuppressWarnings("unchecked")
        SymbolKey<Object> key = (SymbolKey<Object>) SymbolKey.of(in, symbol);
        return input
                .transform("group by symbol", new RowBlockTypeInfo(in),
                        new SymbolBlocks<>(in, key, in.indexOf("elapsed_seconds", ColumnType.LONG),
                                in.indexOf("row_id", ColumnType.LONG)))
                .keyBy(key.ofBlocks(in), key.type())
                .process(fn)
                .returns(new ColumnBatchTypeInfo(fn.outputSchema()))
                .name(forwardReturns != null && expander != null ? "enrich + forward_return"
                        : forwardReturns != null ? "forward_return" : "enrich");
    }

    private SymbolDayFunction<Object> perSymbolFunction(RowSchema in) {
        return new SymbolDayFunction<>(in, forwardReturns, new ArrayList<>(tags), expander, selected);
    }

    /**
     * The input columns the per-symbol steps need, in the input's order: the symbol, the columns
     * the steps read ({@code read}; all if null) and the ones selected after them (all if none).
     */
    private List<String> shuffledColumns(RowSchema in, List<String> read) {
        if (read == null || selected == null) return in.names();
        List<String> keep = new ArrayList<>();
        for (String c : in.names()) {
            if (c.equals(symbol) || read.contains(c) || selected.contains(c)) keep.add(c);
        }
        return keep;
    }

    private void requireNoSelect() {
        if (selected != null) {
            throw new IllegalStateException("select comes after the per-symbol steps (enrich, forwardReturns), which run together");
        }
    }

    private Market requireMarket() {
        if (market == null) {
            throw new IllegalStateException("parseTime must come before the per-symbol steps");
        }
        return market;
    }
}
