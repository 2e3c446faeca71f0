package io.vizflow.pipeline;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

/**
 * Test data: fills of one trading day after {@code parse_time}, built with named moments.
 * Columns: {@code row_id, ukey, side, qty, price, elapsed_seconds}.
 */
final class Trades {
    static final RowSchema SCHEMA = RowSchema.empty()
            .with("row_id", ColumnType.LONG)
            .with("ukey", ColumnType.LONG)
            .with("side", ColumnType.STRING)
            .with("qty", ColumnType.LONG)
            .with("price", ColumnType.DOUBLE)
            .with("elapsed_seconds", ColumnType.LONG);

    static final int ROW_ID = 0;
    static final int UKEY = 1;
    static final int SIDE = 2;
    static final int QTY = 3;
    static final int PRICE = 4;
    static final int ELAPSED = 5;

    /** Elapsed trading seconds of a CN day. */
    static final long OPEN = 0;
    static final long ONE_MINUTE_LATER = OPEN + 60;
    static final long TWO_MINUTES_LATER = OPEN + 120;
    static final long FIVE_MINUTES_LATER = OPEN + 300;
    static final long TEN_MINUTES_LATER = OPEN + 600;
    static final long LUNCH = 7_200;
    static final long CLOSE = 14_400;
    static final long CN_DAY = 14_400;

    static final long SYMBOL = 600_000L;
    static final long OTHER_SYMBOL = 600_519L;

    private Trades() {}

    static VizRow trade(long rowId, long symbol, String side, long qty, Double price, long elapsed) {
        VizRow r = new VizRow(SCHEMA.size())
                .setLong(ROW_ID, rowId)
                .setLong(UKEY, symbol)
                .setString(SIDE, side)
                .setLong(QTY, qty)
                .setLong(ELAPSED, elapsed);
        return price == null ? r.setNull(PRICE) : r.setDouble(PRICE, price);
    }

    static VizRow buy(long rowId, long elapsed, long qty) {
        return trade(rowId, SYMBOL, "B", qty, 10.0, elapsed);
    }

    static VizRow sell(long rowId, long elapsed, long qty) {
        return trade(rowId, SYMBOL, "S", qty, 10.5, elapsed);
    }

    /** A quote-like row of the symbol: only time and price matter. */
    static VizRow tick(long rowId, long elapsed, Double price) {
        return trade(rowId, SYMBOL, "B", 100, price, elapsed);
    }
}
