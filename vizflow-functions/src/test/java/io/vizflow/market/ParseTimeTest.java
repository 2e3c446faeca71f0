package io.vizflow.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowSerializer;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parse_time} in an operator harness: elapsed seconds, clamping and its count, bad input.
 * {@link ParseTimeOnBatchesTest} runs every case again over column batches.
 */
class ParseTimeTest {

    static final RowSchema INPUT = RowSchema.empty()
            .with("ticktime", ColumnType.LONG)
            .with("row_id", ColumnType.LONG);
    private static final int ELAPSED = ParseTime.outputSchema(INPUT).indexOf(ParseTime.ELAPSED_SECONDS);
    static final String FILE = "fills_20240102.feather";
    private static final LocalDate TRADING_DATE = LocalDate.of(2024, 1, 2);

    /** 09:30 in Shanghai on the trading date. */
    private static final Instant CN_OPEN = Instant.parse("2024-01-02T01:30:00Z");
    private static final Instant CN_LAST_MILLI = Instant.parse("2024-01-02T06:59:59.999Z");
    private static final Instant CN_CLOSE = Instant.parse("2024-01-02T07:00:00Z");
    /** 00:30 local on the trading date, while it is still January 1st in UTC. */
    private static final Instant HALF_PAST_MIDNIGHT_LOCAL = Instant.parse("2024-01-01T16:30:00Z");
    /** 23:59:59 local on the day before the trading date. */
    private static final Instant EVENING_BEFORE = Instant.parse("2024-01-01T15:59:59Z");
    /** 00:00 local on the day after the trading date. */
    private static final Instant MIDNIGHT_AFTER = Instant.parse("2024-01-02T16:00:00Z");

    private OneInputStreamOperatorTestHarness<VizRow, VizRow> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) harness.close();
    }

    /** Opens {@code parse_time} in a harness. */
    void open(Market market, TimeFormat format, LocalDate date) throws Exception {
        ParseTime parseTime = new ParseTime(INPUT, "ticktime", market, format, date, FILE);
        harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(parseTime));
        harness.setup(new VizRowSerializer(ParseTime.outputSchema(INPUT)));
        harness.open();
    }

    /** Feeds one row. */
    void process(VizRow row) throws Exception {
        harness.processElement(row, 0L);
    }

    /** The rows out so far. */
    List<VizRow> outputs() {
        return harness.extractOutputValues();
    }

    org.apache.flink.runtime.operators.testutils.MockEnvironment environment() {
        return harness.getEnvironment();
    }

    static VizRow tick(long rowId, long time) {
        return new VizRow(INPUT.size()).setLong(0, time).setLong(1, rowId);
    }

    /** {@code "09:30:00.123"} or {@code "09:30"} as the int64 HHMMSSmmm value 93000123. */
    static long hhmmssmmm(String clock) {
        String[] hms = clock.split("[:.]");
        long h = Long.parseLong(hms[0]);
        long m = Long.parseLong(hms[1]);
        long s = hms.length > 2 ? Long.parseLong(hms[2]) : 0;
        long ms = hms.length > 3 ? Long.parseLong(hms[3]) : 0;
        return h * 10_000_000L + m * 100_000L + s * 1000L + ms;
    }

    private static long inUnit(Instant t, TimeFormat unit) {
        switch (unit) {
            case EPOCH_S: return t.getEpochSecond();
            case EPOCH_MS: return t.toEpochMilli();
            case EPOCH_US: return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
            default: return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }
    }

    private List<Long> elapsedOf(long... times) throws Exception {
        for (int i = 0; i < times.length; i++) {
            process(tick(i, times[i]));
        }
        List<Long> out = new ArrayList<>();
        for (VizRow r : outputs()) {
            out.add(r.getLong(ELAPSED));
        }
        return out;
    }

    private long elapsed(long time) throws Exception {
        List<Long> all = elapsedOf(time);
        return all.get(all.size() - 1);
    }

    private long clampedRows() {
        Accumulator<?, ?> acc = environment().getAccumulatorRegistry().getUserMap()
                .get(ParseTime.CLAMPED_ROWS);
        return (Long) acc.getLocalValue();
    }

    @ParameterizedTest(name = "CN {0} -> {1}")
    @CsvSource({
        "09:25:00.000, 0",
        "09:30:00.000, 0",
        "09:30:00.999, 0",
        "11:29:59.000, 7199",
        "11:30:00.000, 7200",
        "12:00:00.000, 7200",
        "13:00:00.000, 7200",
        "14:59:59.999, 14399",
        "15:00:00.000, 14400",
        "15:30:00.000, 14400",
    })
    void shouldTurnCnExchangeTimeIntoElapsedTradingSeconds(String clock, long expected) throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);
        assertEquals(expected, elapsed(hhmmssmmm(clock)));
    }

    @ParameterizedTest(name = "KR {0} -> {1}")
    @CsvSource({"09:00:00.000, 0", "15:29:59.000, 23399", "08:59:59.999, 0", "15:30:00.000, 23400"})
    void shouldTurnKrExchangeTimeIntoElapsedTradingSeconds(String clock, long expected) throws Exception {
        open(Market.KR, TimeFormat.HHMMSSMMM, null);
        assertEquals(expected, elapsed(hhmmssmmm(clock)));
    }

    @ParameterizedTest(name = "crypto {0} -> {1}")
    @CsvSource({"00:00:00.000, 0", "12:00:00.500, 43200", "23:59:59.000, 86399", "23:59:59.999, 86399"})
    void shouldCountCryptoSecondsFromMidnight(String clock, long expected) throws Exception {
        open(Market.CRYPTO, TimeFormat.HHMMSSMMM, null);
        assertEquals(expected, elapsed(hhmmssmmm(clock)));
    }

    @ParameterizedTest
    @EnumSource(value = TimeFormat.class, names = {"EPOCH_S", "EPOCH_MS", "EPOCH_US", "EPOCH_NS"})
    void shouldConvertEpochTimestampsToTheMarketsWallClock(TimeFormat unit) throws Exception {
        open(Market.CN, unit, TRADING_DATE);

        List<Long> elapsed = elapsedOf(
                inUnit(CN_OPEN, unit),
                inUnit(CN_OPEN.plusSeconds(60), unit),
                inUnit(CN_LAST_MILLI, unit),
                inUnit(CN_CLOSE, unit),
                inUnit(HALF_PAST_MIDNIGHT_LOCAL, unit));

        assertEquals(List.of(0L, 60L, 14_399L, 14_400L, 0L), elapsed);
        assertEquals(2, clampedRows());
    }

    @ParameterizedTest
    @EnumSource(value = TimeFormat.class, names = {"EPOCH_S", "EPOCH_MS", "EPOCH_US", "EPOCH_NS"})
    void shouldClampRowsOfTheLocalDaysBeforeAndAfterTheTradingDate(TimeFormat unit) throws Exception {
        open(Market.CN, unit, TRADING_DATE);

        List<Long> elapsed = elapsedOf(inUnit(EVENING_BEFORE, unit), inUnit(MIDNIGHT_AFTER, unit));

        assertEquals(List.of(0L, 14_400L), elapsed);
        assertEquals(2, clampedRows());
    }

    @Test
    void shouldCountEveryClampedRow() throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);

        elapsedOf(
                hhmmssmmm("09:25"),        // pre-open
                hhmmssmmm("09:30"),
                hhmmssmmm("11:29:59.999"),
                hhmmssmmm("11:30"),        // lunch
                hhmmssmmm("12:00"),        // lunch
                hhmmssmmm("13:00"),
                hhmmssmmm("14:59:59.999"),
                hhmmssmmm("15:00"),        // after the close
                hhmmssmmm("15:30"));       // after the close

        assertEquals(5, clampedRows());
    }

    @Test
    void shouldKeepTheInputColumnsAndAppendElapsedSeconds() throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);
        process(tick(7, hhmmssmmm("10:00:00.123")));

        VizRow out = outputs().get(0);
        assertEquals(RowSchema.empty().with("ticktime", ColumnType.LONG).with("row_id", ColumnType.LONG)
                .with("elapsed_seconds", ColumnType.LONG), ParseTime.outputSchema(INPUT));
        assertEquals(100_000_123L, out.getLong(0));
        assertEquals(7L, out.getLong(1));
        assertEquals(1_800L, out.getLong(ELAPSED));
    }

    @ParameterizedTest
    @CsvSource({"256000000", "9610000", "9306100", "93061000", "-1", "240000001"})
    void shouldRefuseAValueThatIsNotHhmmssmmmNamingColumnRowAndValue(long bad) throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);
        process(tick(0, hhmmssmmm("09:30")));

        BadInputException e = assertThrows(BadInputException.class, () -> process(tick(1, bad)));

        String message = e.getMessage();
        assertTrue(message.contains(FILE), message);
        assertTrue(message.contains("'ticktime'"), message);
        assertTrue(message.contains("row 1"), message);
        assertTrue(message.contains(Long.toString(bad)), message);
    }

    @Test
    void shouldRefuseANullTimestamp() throws Exception {
        open(Market.CN, TimeFormat.HHMMSSMMM, null);
        VizRow row = tick(3, 0).setNull(0);

        BadInputException e = assertThrows(BadInputException.class, () -> process(row));

        assertTrue(e.getMessage().contains("'ticktime'") && e.getMessage().contains("row 3"), e.getMessage());
    }

    @Test
    void shouldRefuseATimestampColumnThatIsNotInt64() {
        RowSchema textTime = RowSchema.empty().with("ticktime", ColumnType.STRING).with("row_id", ColumnType.LONG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParseTime(textTime, "ticktime", Market.CN, TimeFormat.HHMMSSMMM, null, FILE));
        assertTrue(e.getMessage().contains("ticktime"), e.getMessage());
    }
}
