package io.vizflow.market;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.functions.RuntimeContext;

import java.time.LocalDate;
import java.time.zone.ZoneRules;

/**
 * {@code parse_time}: adds {@code elapsed_seconds} (int64), the whole seconds of trading time since
 * the market's first session opened, from the timestamp column (CONTRACT section 2). Rows outside
 * every session are kept and clamped; their number is counted in the accumulator
 * {@value #CLAMPED_ROWS}.
 */
public final class ParseTime extends RichMapFunction<VizRow, VizRow> {
    private static final long serialVersionUID = 1L;

    public static final String ELAPSED_SECONDS = "elapsed_seconds";
    public static final String CLAMPED_ROWS = "vizflow.clamped-rows";

    private final Market market;
    private final TimeFormat format;
    private final LocalDate date;
    private final String origin;
    private final String timeColumn;
    private final int timeIndex;
    private final int rowIdIndex;
    private final int outIndex;
    private final int width;

    private transient LongCounter clamped;
    private transient ZoneRules zoneRules;

    /**
     * @param date the trading date, for epoch timestamps: a row of an earlier local date is
     *     clamped to 0, of a later one to the day's total. May be null for HHMMSSmmm.
     * @param origin the file the rows come from, named in error messages
     */
    public ParseTime(RowSchema input, String timeColumn, Market market, TimeFormat format,
                     LocalDate date, String origin) {
        this.market = market;
        this.format = format;
        this.date = date;
        this.origin = origin;
        this.timeColumn = timeColumn;
        this.timeIndex = input.indexOf(timeColumn, ColumnType.LONG);
        this.rowIdIndex = input.contains("row_id") ? input.indexOf("row_id") : -1;
        this.outIndex = input.size();
        this.width = input.size() + 1;
    }

    public static RowSchema outputSchema(RowSchema input) {
        return input.with(ELAPSED_SECONDS, ColumnType.LONG);
    }

    @Override
    public void open(OpenContext openContext) {
        start(getRuntimeContext());
    }

    /** Readies the parsing; rows clamped are counted in the accumulator {@value #CLAMPED_ROWS} of {@code context}. */
    private void start(RuntimeContext context) {
        clamped = new LongCounter();
        context.addAccumulator(CLAMPED_ROWS, clamped);
        zoneRules = market.zone().getRules();
    }

    @Override
    public VizRow map(VizRow row) {
        row.ensureWidth(width);
        long rowId = rowIdIndex >= 0 ? row.getLong(rowIdIndex) : -1;
        if (row.isNull(timeIndex)) {
            throw bad(rowId, "null timestamp");
        }
        row.setLong(outIndex, elapsed(row.getLong(timeIndex), rowId));
        return row;
    }

    /** The elapsed seconds of timestamp {@code t} of row {@code rowId} (-1 if not known). */
    private long elapsed(long t, long rowId) {
        return format == TimeFormat.HHMMSSMMM ? fromClock(t, rowId) : fromEpoch(t);
    }

    /** Elapsed seconds of an HHMMSSmmm value; milliseconds are dropped. */
    private long fromClock(long t, long rowId) {
        long h = t / 10_000_000L;
        long m = (t / 100_000L) % 100;
        long s = (t / 1000L) % 100;
        if (t < 0 || h > 24 || m > 59 || s > 59 || (h == 24 && t % 10_000_000L != 0)) {
            throw bad(rowId, "value " + t + " is not a time HHMMSSmmm");
        }
        return elapsedAt((int) (h * 3600 + m * 60 + s));
    }

    private long fromEpoch(long t) {
        long epochSecond = Math.floorDiv(t, format.perSecond());
        int offset = zoneRules.getOffset(java.time.Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        long local = epochSecond + offset;
        if (date != null) {
            long day = Math.floorDiv(local, 86_400L);
            long want = date.toEpochDay();
            if (day < want) {
                clamped.add(1);
                return 0;
            }
            if (day > want) {
                clamped.add(1);
                return market.totalSeconds();
            }
        }
        return elapsedAt((int) Math.floorMod(local, 86_400L));
    }

    private long elapsedAt(int secondOfDay) {
        clamped.add(market.outsideSessions(secondOfDay)); // no branch: see Market#elapsedSeconds
        return market.elapsedSeconds(secondOfDay);
    }

    private BadInputException bad(long rowId, String what) {
        String where = rowId >= 0 ? " row " + rowId : "";
        return new BadInputException(origin + ": column '" + timeColumn + "'" + where + ": " + what);
    }

    /**
     * {@code parse_time} over {@link ColumnBatch}es: the same column, computed in one loop over a
     * batch's timestamps.
     */
    public static final class OnBatches extends RichMapFunction<ColumnBatch, ColumnBatch> {
        private static final long serialVersionUID = 1L;
        private final ParseTime rows;
        private final RowSchema output;

        /** As {@link ParseTime#ParseTime}. */
        public OnBatches(RowSchema input, String timeColumn, Market market, TimeFormat format,
                         LocalDate date, String origin) {
            this.rows = new ParseTime(input, timeColumn, market, format, date, origin);
            this.output = outputSchema(input);
        }

        @Override
        public void open(OpenContext openContext) {
            rows.start(getRuntimeContext());
        }

        @Override
        public ColumnBatch map(ColumnBatch batch) {
            ParseTime p = rows;
            batch.ensureColumns(output);
            int n = batch.size();
            long[] times = batch.longs(p.timeIndex);
            long[] ids = p.rowIdIndex >= 0 ? batch.longs(p.rowIdIndex) : null;
            long[] out = batch.longs(p.outIndex);
            batch.clearNulls(p.outIndex);
            if (batch.hasNulls(p.timeIndex)) {
                for (int i = 0; i < n; i++) {
                    if (batch.isNull(p.timeIndex, i)) throw p.bad(ids == null ? -1 : ids[i], "null timestamp");
                }
            }
            for (int i = 0; i < n; i++) {
                out[i] = p.elapsed(times[i], ids == null ? -1 : ids[i]);
            }
            return batch;
        }
    }
}
