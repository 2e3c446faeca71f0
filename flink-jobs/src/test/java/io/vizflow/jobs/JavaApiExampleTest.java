package io.vizflow.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.aggregate.Aggregate;
import io.vizflow.enrich.FifoMatch;
import io.vizflow.enrich.RunningFunction;
import io.vizflow.enrich.TagCondition;
import io.vizflow.enrich.TagRunning;
import io.vizflow.market.Market;
import io.vizflow.market.TimeFormat;
import io.vizflow.partial.PartialLayout;
import io.vizflow.partial.PartialSink;
import io.vizflow.pipeline.DailyPipeline;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.source.FeatherSource;
import io.vizflow.source.InputColumn;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's "Java API" example, as written there (only the file's path and the output folder
 * differ), run on a golden day: its partial's count and notional equal the reference's.
 */
class JavaApiExampleTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final List<String> KEYS = List.of("alpha1_bin", "side", "is_closed");

    @TempDir
    Path out;

    /** The README's own running statistic, with its own accumulator class. */
    static class RunningVwap implements RunningFunction<double[]> {          // accumulator: {sum p*q, sum q}
        int price, qty;
        public ColumnType bind(RowSchema in) { price = in.indexOf("price"); qty = in.indexOf("qty"); return ColumnType.DOUBLE; }
        public TypeInformation<double[]> accumulatorType() { return PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO; }
        public double[] create() { return new double[2]; }
        public double[] add(double[] a, VizRow r) { a[0] += r.getDouble(price) * r.getLong(qty); a[1] += r.getLong(qty); return a; }
        public void write(double[] a, VizRow r, int col) { r.setDouble(col, a[0] / a[1]); }
    }

    @Test
    void readmeExampleGivesTheReferencesPartial() throws Exception {
        LocalDate date = LocalDate.of(2024, 1, 2);
        String file = Golden.resource("golden/raw").resolve("fills_20240102.feather").toString();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);

        FeatherSource source = new FeatherSource(file, List.of(
                InputColumn.of("ticktime", ColumnType.LONG, true), InputColumn.of("ukey", ColumnType.LONG, true),
                InputColumn.of("mid", ColumnType.DOUBLE, false), InputColumn.of("side", ColumnType.STRING, false),
                InputColumn.of("qty", ColumnType.LONG, false), InputColumn.of("price", ColumnType.DOUBLE, false),
                InputColumn.of("alpha1", ColumnType.DOUBLE, false)));

        Aggregate partial = DailyPipeline.fromBatches(
                        env.fromSource(source.inColumnBatches(), WatermarkStrategy.noWatermarks(), "fills"), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, date, "fills_20240102.feather")
                .enrich(List.of(TagCondition.of("is_large", "qty > 10000"),
                                TagRunning.of("trade_count", "count"),
                                TagRunning.of("vwap", new RunningVwap())),   // your own state class
                        FifoMatch.of("side", "qty", "price"))
                .forwardReturns(new long[] {60, 300, 600}, null, "mid")
                .select(List.of("side", "price", "alpha1", "is_closed", "matched_qty"))  // optional: what the rest reads
                .bin(Map.of("alpha1", 1e-4))
                .aggregate(List.of("alpha1_bin", "side", "is_closed"),
                        Map.of("count", "COUNT(*)", "notional", "SUM(matched_qty * price)"));
        partial.rows().sinkTo(new PartialSink(out, date, partial.rowType()));  // RowData, one row per group
        env.execute();

        assertTrue(PartialLayout.isComplete(out, date));
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        Golden.readExpected("posttrade_20240102.csv", KEYS).forEach((group, row) -> {
            Map<String, String> two = new LinkedHashMap<>();
            KEYS.forEach(k -> two.put(k, row.get(k)));
            two.put("count", row.get("count"));
            two.put("notional", row.get("sum_notional"));
            expected.put(group, two);
        });
        Golden.assertPartialEquals(expected, Golden.readPartial(PartialLayout.dateDir(out, date), KEYS), KEYS);
    }
}
