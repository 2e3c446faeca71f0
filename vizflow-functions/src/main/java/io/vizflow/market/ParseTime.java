package io.vizflow.market;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

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
        clamped = new LongCounter();
        getRuntimeContext().addAccumulator(CLAMPED_ROWS, clamped);
        zoneRules = market.zone().getRules();
    }

    @Override
    public VizRow map(VizRow row) {
        row.ensureWidth(width);
        if (row.isNull(timeIndex)) {
            throw bad(row, "null timestamp");
        }
        long t = row.getLong(timeIndex);
        long elapsed;
        if (format == TimeFormat.HHMMSSMMM) {
            elapsed = fromClock(row, t);
        } else {
            elapsed = fromEpoch(t);
        }
        row.setLong(outIndex, elapsed);
        return row;
    }

    /** Elapsed seconds of an HHMMSSmmm value; milliseconds are dropped. */
    private long fromClock(VizRow row, long t) {
        long h = t / 10_000_000L;
        long m = (t / 100_000L) % 100;
        long s = (t / 1000L) % 100;
        if (t < 0 || h > 24 || m > 59 || s > 59 || (h == 24 && t % 10_000_000L != 0)) {
            throw bad(row, "value " + t + " is not a time HHMMSSmmm");
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
        if (market.isOutsideSessions(secondOfDay)) {
            clamped.add(1);
        }
        return market.elapsedSeconds(secondOfDay);
    }

    private BadInputException bad(VizRow row, String what) {
        String where = rowIdIndex >= 0 ? " row " + row.getLong(rowIdIndex) : "";
        return new BadInputException(origin + ": column '" + timeColumn + "'" + where + ": " + what);
    }
}
