package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.VizRow;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source in a real Flink job: BATCH mode, two parallel readers. */
class FeatherSourceJobTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static StreamExecutionEnvironment batchEnv() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        return env;
    }

    private static List<VizRow> run(FeatherSource source) throws Exception {
        List<VizRow> rows = new ArrayList<>();
        try (CloseableIterator<VizRow> it = batchEnv()
                .fromSource(source, WatermarkStrategy.noWatermarks(), "feather")
                .executeAndCollect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readsEveryRowOnceWithRowIdsZeroToNMinusOne() throws Exception {
        String fixture = "day_string_ukey_lz4.feather";
        List<InputColumn> columns = Fixtures.columnsOf(fixture, true);
        FeatherSource source = new FeatherSource(Fixtures.path(fixture).toString(), columns).withRowsPerSplit(1);
        List<VizRow> rows = run(source);

        assertEquals(3000, rows.size());
        int qty = columns.indexOf(InputColumn.of("qty", ColumnType.LONG, true));
        assertEquals(Fixtures.expected(fixture).get("columns").get("qty").get("sum").asLong(),
                rows.stream().mapToLong(r -> r.getLong(qty)).sum());
        int rowId = source.schema().indexOf("row_id");
        assertEquals(columns.size(), rowId);
        long[] ids = rows.stream().mapToLong(r -> r.getLong(rowId)).sorted().toArray();
        for (int i = 0; i < ids.length; i++) {
            assertEquals(i, ids[i]);
        }
        Fixtures.assertMatchesExpected(fixture, columns, rows);
    }

    @Test
    void readsDictionariesAndNullsInAJob() throws Exception {
        String fixture = "types_lz4.feather";
        List<InputColumn> columns = Fixtures.columnsOf(fixture, false, "u64");
        List<VizRow> rows = run(new FeatherSource(Fixtures.path(fixture).toString(), columns).withRowsPerSplit(1000));
        Fixtures.assertMatchesExpected(fixture, columns, rows);
    }

    @Test
    void aNullInARequiredColumnFailsTheJobWithTheReadersMessage() {
        String fixture = "types_lz4.feather";
        long row = Fixtures.expected(fixture).get("first_null_row").get("qty_nulls").asLong();
        FeatherSource source = new FeatherSource(Fixtures.path(fixture).toString(),
                List.of(InputColumn.of("qty_nulls", ColumnType.LONG, true)));
        Exception e = assertThrows(Exception.class, () -> run(source));
        BadInputException bad = badInputIn(e);
        assertEquals(Fixtures.path(fixture) + ": column 'qty_nulls' row " + row + ": null value in a required column",
                bad.getMessage());
    }

    @Test
    void aMissingFileFailsTheJobNamingTheFile() {
        String missing = Fixtures.path("day_lz4.feather").resolveSibling("fills_20240102.feather").toString();
        FeatherSource source = new FeatherSource(missing, List.of(InputColumn.of("ticktime", ColumnType.LONG, true)));
        Exception e = assertThrows(Exception.class, () -> run(source));
        assertEquals(missing + ": no such file", badInputIn(e).getMessage());
    }

    private static BadInputException badInputIn(Throwable e) {
        Optional<BadInputException> found = org.apache.flink.util.ExceptionUtils.findThrowable(e, BadInputException.class);
        assertTrue(found.isPresent(), () -> "no BadInputException in " + org.apache.flink.util.ExceptionUtils.stringifyException(e));
        return found.get();
    }
}
