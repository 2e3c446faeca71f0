package io.vizflow.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnBatchSerializer;
import io.vizflow.row.VizRow;

import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Every case of {@link ParseTimeTest} again, over {@link ColumnBatch}es ({@link ParseTime.OnBatches}),
 * a row per batch; then batches of several rows.
 */
class ParseTimeOnBatchesTest extends ParseTimeTest {
    private OneInputStreamOperatorTestHarness<ColumnBatch, ColumnBatch> batches;

    @AfterEach
    void closeBatches() throws Exception {
        if (batches != null) batches.close();
    }

    @Override
    void open(Market market, TimeFormat format, LocalDate date) throws Exception {
        batches = new OneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new ParseTime.OnBatches(INPUT, "ticktime", market, format, date, FILE)));
        batches.setup(new ColumnBatchSerializer(ParseTime.outputSchema(INPUT)));
        batches.open();
    }

    @Override
    void process(VizRow row) throws Exception {
        batches.processElement(ColumnBatch.of(INPUT, row), 0L);
    }

    @Override
    List<VizRow> outputs() {
        List<VizRow> rows = new ArrayList<>();
        for (ColumnBatch b : batches.extractOutputValues()) {
            for (int r = 0; r < b.size(); r++) rows.add(b.row(r, VizRow.withHeadroom(b.width())));
        }
        return rows;
    }

    @Override
    MockEnvironment environment() {
        return batches.getEnvironment();
    }

    @Test
    void shouldParseEveryRowOfABatch() throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);
        batches.processElement(ColumnBatch.of(INPUT, tick(0, hhmmssmmm("09:30")), tick(1, hhmmssmmm("09:31:00.500")),
                tick(2, hhmmssmmm("13:00:01"))), 0L);

        List<Long> elapsed = new ArrayList<>();
        int column = ParseTime.outputSchema(INPUT).indexOf(ParseTime.ELAPSED_SECONDS);
        for (VizRow r : outputs()) elapsed.add(r.getLong(column));
        assertEquals(List.of(0L, 60L, 7201L), elapsed);
    }

    @Test
    void shouldNameTheRowOfANullTimestampInsideABatch() throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);
        ColumnBatch batch = ColumnBatch.of(INPUT, tick(40, hhmmssmmm("09:30")), tick(41, 0).setNull(0),
                tick(42, hhmmssmmm("09:31")));

        BadInputException e = assertThrows(BadInputException.class, () -> batches.processElement(batch, 0L));

        assertTrue(e.getMessage().contains("'ticktime'") && e.getMessage().contains("row 41")
                && e.getMessage().contains("null timestamp"), e.getMessage());
    }
}
