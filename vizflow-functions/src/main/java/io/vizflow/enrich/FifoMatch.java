package io.vizflow.enrich;

import io.vizflow.BadInputException;
import io.vizflow.row.BlockReader;
import io.vizflow.row.BlockWriter;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlock;
import io.vizflow.row.RowQueue;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code FIFOMatch} (CONTRACT section 3): entry rows open lots, exit rows close the oldest open
 * lots first. Every output row ("piece") carries all columns of its source row plus
 * {@code matched_entry_id}, {@code matched_qty}, {@code holding_period} and {@code is_closed}:
 * <ul>
 *   <li>for each lot an exit closes, fully or partly, a piece of the exit row with the lot's
 *       {@code row_id}, the quantity closed, the holding period in trading seconds, closed;
 *   <li>an exit's remainder beyond the open position, a piece of the exit row with no entry,
 *       not closed;
 *   <li>at the end of the day, each lot still open, a piece of its entry row with its own
 *       {@code row_id} and the open quantity, not closed.
 * </ul>
 * A fully closed entry row makes no piece of its own; the pieces of an exit row add up to its
 * quantity. The open lots are Flink keyed state.
 */
public final class FifoMatch implements RowExpander {
    private static final long serialVersionUID = 1L;

    public static final String MATCHED_ENTRY_ID = "matched_entry_id";
    public static final String MATCHED_QTY = "matched_qty";
    public static final String HOLDING_PERIOD = "holding_period";
    public static final String IS_CLOSED = "is_closed";

    private final String sideColumn;
    private final String qtyColumn;
    private final String priceColumn;
    private final String entrySide;
    private final String exitSide;
    private String origin = "input";
    /** Open lots whose entry rows are kept as they are, at most; -1 for {@link Lots#KEPT_VALUES} of values. */
    private int keptEntryRows = -1;

    private int side;
    private int qty;
    private boolean qtyIsLong;
    private int elapsed;
    private int rowId;
    private int entryIdOut;
    private int qtyOut;
    private int holdingOut;
    private int closedOut;
    private int width;
    private RowSchema input;
    private BlockReader entries;

    private transient ValueState<Lots> lots;
    /** The last symbol's lots, emptied at the end of its day, for the next symbol's (their arrays grown already). */
    private transient Lots spare;
    /**
     * The string objects last seen as the entry and as the exit side: rows hand the same two
     * string objects again and again, so a side is told by identity, and compared only when new.
     */
    private transient String seenEntry;
    private transient String seenExit;

    public FifoMatch(String sideColumn, String qtyColumn, String priceColumn, String entrySide, String exitSide) {
        this.sideColumn = sideColumn;
        this.qtyColumn = qtyColumn;
        this.priceColumn = priceColumn;
        this.entrySide = entrySide == null ? "B" : entrySide;
        this.exitSide = exitSide == null ? "S" : exitSide;
        if (this.entrySide.equals(this.exitSide)) {
            throw new IllegalArgumentException("entry_side and exit_side are both '" + this.entrySide + "'");
        }
    }

    /** FIFO matching with the default sides: {@code B} opens, {@code S} closes. */
    public static FifoMatch of(String sideColumn, String qtyColumn, String priceColumn) {
        return new FifoMatch(sideColumn, qtyColumn, priceColumn, "B", "S");
    }

    /**
     * Keeps the entry rows of at most the first {@code rows} open lots as they are (values, fast to
     * hand on or let go of) and encodes the rest (a fifth of the memory); by default as many as
     * make {@link Lots#KEPT_VALUES} values (0: every entry row encoded).
     */
    public FifoMatch keepingEntryRows(int rows) {
        if (rows < 0) throw new IllegalArgumentException("entry rows kept: " + rows + " < 0");
        this.keptEntryRows = rows;
        return this;
    }

    /** Names the input in error messages (the file name). */
    public FifoMatch withOrigin(String origin) {
        this.origin = origin;
        return this;
    }

    @Override
    public RowSchema bind(RowSchema input) {
        try {
            return bindColumns(input);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("enrich.fifo: " + e.getMessage(), e);
        }
    }

    private RowSchema bindColumns(RowSchema input) {
        side = input.indexOf(sideColumn, ColumnType.STRING);
        qty = input.indexOf(qtyColumn);
        ColumnType qtyType = input.type(qty);
        if (qtyType != ColumnType.LONG && qtyType != ColumnType.DOUBLE) {
            throw new IllegalArgumentException("column '" + qtyColumn + "' is " + qtyType + ", expected a number");
        }
        qtyIsLong = qtyType == ColumnType.LONG;
        if (priceColumn != null) {
            input.indexOf(priceColumn); // must exist; the pieces carry it to the metrics
        }
        elapsed = input.indexOf("elapsed_seconds", ColumnType.LONG);
        rowId = input.indexOf("row_id", ColumnType.LONG);
        this.input = input;
        entries = new BlockReader(input);
        entryIdOut = input.size();
        qtyOut = entryIdOut + 1;
        holdingOut = entryIdOut + 2;
        closedOut = entryIdOut + 3;
        width = entryIdOut + 4;
        return input.with(MATCHED_ENTRY_ID, ColumnType.LONG)
                .with(MATCHED_QTY, qtyType)
                .with(HOLDING_PERIOD, ColumnType.LONG)
                .with(IS_CLOSED, ColumnType.BOOLEAN);
    }

    @Override
    public List<String> columnsRead() {
        List<String> read = new ArrayList<>(List.of(sideColumn, qtyColumn, "elapsed_seconds", "row_id"));
        if (priceColumn != null) read.add(priceColumn);
        return read;
    }

    @Override
    public void open(RuntimeContext context) {
        lots = context.getState(new ValueStateDescriptor<>("fifo-lots", TypeInformation.of(Lots.class)));
    }

    @Override
    public void apply(ColumnBatch rows, Pieces out) throws Exception {
        String[] sides = rows.strings(side);
        long[] quantities = rows.longs(qty);
        long[] times = rows.longs(elapsed);
        long[] ids = rows.longs(rowId);
        Lots open = lots.value(); // read and written once a batch: a serializing state backend copies it
        for (int r = 0, n = rows.size(); r < n; r++) {
            String s = sides[r]; // null where the side is null
            double q = quantity(rows, quantities, ids, r);
            boolean isEntry = s == seenEntry && s != null;
            if (!isEntry && (s != seenExit || s == null)) {
                if (entrySide.equals(s)) {
                    seenEntry = s;
                    isEntry = true;
                } else if (exitSide.equals(s)) {
                    seenExit = s;
                } else {
                    throw new BadInputException(origin + ": column '" + sideColumn + "' row " + ids[r]
                            + ": side " + (s == null ? "null" : "'" + s + "'") + " is neither the entry side '"
                            + entrySide + "' nor the exit side '" + exitSide + "'");
                }
            }
            if (isEntry) {
                if (open == null && spare != null) {
                    open = spare;
                    spare = null;
                } else if (open == null) {
                    open = new Lots(input, keptEntryRows >= 0 ? keptEntryRows : Lots.KEPT_VALUES / input.size());
                }
                open.add(rows, r, times, ids, q);
            } else {
                close(r, times[r], q, open, out);
            }
        }
        if (open != null) {
            lots.update(open);
        }
    }

    private double quantity(ColumnBatch rows, long[] quantities, long[] ids, int r) {
        if (rows.isNull(qty, r)) {
            throw new BadInputException(origin + ": column '" + qtyColumn + "' row " + ids[r] + ": null quantity");
        }
        double q = qtyIsLong ? quantities[r] : Double.longBitsToDouble(quantities[r]);
        if (!(q > 0)) {
            throw new BadInputException(origin + ": column '" + qtyColumn + "' row " + ids[r]
                    + ": quantity " + (qtyIsLong ? Long.toString(quantities[r]) : Double.toString(q))
                    + " is not positive");
        }
        return q;
    }

    /** The pieces of exit row {@code exit} (at {@code exitTime}): the lots it closes, oldest first, then what is left. */
    private void close(int exit, long exitTime, double quantity, Lots open, Pieces out) {
        double need = quantity;
        double needDust = dust(quantity);
        while (need > needDust && open != null && !open.isEmpty()) {
            int lot = open.head;
            double q = Math.min(need, open.remaining[lot]);
            long entry = open.ids[lot];
            long holding = exitTime - open.times[lot];
            open.remaining[lot] -= q;
            need -= q;
            if (open.remaining[lot] <= dust(open.sizes[lot])) {
                open.removeFirst();
            }
            piece(out, exit, true, entry, q, true, holding, true);
        }
        if (need > needDust) {
            piece(out, exit, false, 0, need, false, 0, false);
        }
    }

    /** A piece of row {@code source}: its four FIFO columns. */
    private void piece(Pieces out, int source, boolean hasEntry, long entryId, double quantity,
                       boolean hasHolding, long holding, boolean closed) {
        int p = out.add(source);
        ColumnBatch own = out.own();
        if (hasEntry) own.longs(0)[p] = entryId; else own.setNull(0, p);
        own.longs(1)[p] = qtyIsLong ? (long) quantity : Double.doubleToRawLongBits(quantity);
        if (hasHolding) own.longs(2)[p] = holding; else own.setNull(2, p);
        own.longs(3)[p] = closed ? 1 : 0;
    }

    /**
     * What is left of a real-valued quantity after floating-point subtraction that still counts as
     * nothing (0.1 + 0.2 - 0.3 is not 0 in doubles); integer quantities are exact.
     */
    private double dust(double size) {
        return qtyIsLong ? 0 : size * 1e-9;
    }

    @Override
    public void finish(Collector<VizRow> out) throws Exception {
        Lots open = lots.value();
        if (open != null) {
            int lot = open.head;
            VizRow row = VizRow.withHeadroom(width); // each piece handed on before the next is set
            while (!open.kept.isEmpty()) {
                open.kept.pollFirst(row);
                out.collect(openPiece(row, open.ids[lot], open.remaining[lot]));
                lot++;
            }
            boolean first = true;
            for (RowBlock segment : open.takeEntryRows()) {
                VizRow[] rows = entries.read(segment);
                for (int r = first ? open.closedInFirstSegment : 0; r < rows.length; r++, lot++) {
                    out.collect(openPiece(rows[r], open.ids[lot], open.remaining[lot]));
                }
                first = false;
            }
            open.empty();
            spare = open;
        }
        lots.clear();
    }

    /**
     * {@code source}, the entry row of a lot still open at the day's end, as its piece: its four
     * FIFO columns set (the row made wide enough), no holding period, not closed.
     */
    private VizRow openPiece(VizRow source, long entryId, double quantity) {
        VizRow p = source.ensureWidth(width);
        p.setLong(entryIdOut, entryId);
        if (qtyIsLong) p.setLong(qtyOut, (long) quantity); else p.setDouble(qtyOut, quantity);
        p.setNull(holdingOut);
        p.setBoolean(closedOut, false);
        return p;
    }

    /**
     * The open lots of one symbol, oldest first, column by column: an exit reads the row ids,
     * times and quantities of the lots it closes from a few arrays, not from entry rows scattered
     * over the heap (which made closing lots the slowest step of post-trade runs). The entry rows
     * are only read again at the end of the day, for the lots still open. The first open lots, up
     * to {@value #KEPT_VALUES} values of entry rows (16 MB; one symbol's lots exist at a time), keep
     * their entry rows' values in a {@link RowQueue}; beyond them, entry rows are kept encoded
     * ({@link BlockWriter}, ~30 bytes a row), in segments of {@value #SEGMENT} rows that are let go
     * of as their lots close: a symbol whose position grows all day holds hundreds of thousands of
     * lots (the generated 20M-row day's busiest symbol: ~108,000 at the end). Encoding every entry
     * row was ~8% of a post-trade day's keyed stage; encoding those past the first 8,192 lots, ~5%
     * of its wall time (measured in alternating pairs).
     */
    public static final class Lots implements Serializable {
        private static final long serialVersionUID = 5L;
        public static final int SEGMENT = 4096;
        /** Values of entry rows kept as they are, at most (times 8 bytes). */
        public static final int KEPT_VALUES = 1 << 21;
        /** The entry rows of the first open lots, their values copied; the encoded ones follow them. */
        final RowQueue kept;
        int head;
        int end;
        long[] ids = new long[8];
        long[] times = new long[8];
        double[] sizes = new double[8];
        double[] remaining = new double[8];
        /** The entry rows of the open lots (and of closed lots before them in the first segment). */
        private final ArrayDeque<RowBlock> segments = new ArrayDeque<>();
        private final BlockWriter writing;
        /** Rows of the first segment (or of the one being written) whose lots are closed. */
        int closedInFirstSegment;

        /** How many open lots' entry rows {@link #kept} holds at most. */
        private final int keptRows;

        Lots(RowSchema schema, int keptRows) {
            writing = new BlockWriter(schema);
            kept = new RowQueue(schema);
            this.keptRows = keptRows;
        }

        boolean isEmpty() {
            return head == end;
        }

        /** No lot, no entry row: as new, with the room grown so far (handed on at the end of a day). */
        void empty() {
            head = 0;
            end = 0;
            kept.clear();
            segments.clear();
            if (writing.rows() > 0) writing.finish();
            closedInFirstSegment = 0;
        }

        /** Opens a lot of entry row {@code r} of {@code rows} (its columns of the rule's input kept). */
        void add(ColumnBatch rows, int r, long[] rowTimes, long[] rowIds, double size) {
            long id = rowIds[r];
            long time = rowTimes[r];
            if (end == ids.length) {
                int n = end - head;
                if (head > 0 && n <= ids.length / 2) {
                    shift(n); // slide the open lots to the front
                } else {
                    int cap = ids.length * 2;
                    ids = Arrays.copyOf(ids, cap);
                    times = Arrays.copyOf(times, cap);
                    sizes = Arrays.copyOf(sizes, cap);
                    remaining = Arrays.copyOf(remaining, cap);
                }
            }
            boolean noneEncoded = kept.size() == end - head; // every open lot's entry row is kept as it is
            ids[end] = id;
            times[end] = time;
            sizes[end] = size;
            remaining[end] = size;
            end++;
            if (noneEncoded && kept.size() < keptRows) {
                kept.add(rows, r); // a copy of its values: the batch is reused for the next rows
                return;
            }
            writing.append(rows, r, r + 1, rowTimes, rowIds);
            if (writing.rows() == SEGMENT) segments.addLast(writing.finish());
        }

        void removeFirst() {
            head++;
            if (!kept.isEmpty()) {
                kept.dropFirst(); // the kept rows are the first lots'
            } else {
                closeFirstEncoded();
            }
            if (head == end) {
                head = 0;
                end = 0;
            }
        }

        private void closeFirstEncoded() {
            closedInFirstSegment++;
            RowBlock first = segments.peekFirst();
            if (first != null && closedInFirstSegment == first.size()) {
                segments.pollFirst();
                closedInFirstSegment = 0;
            } else if (first == null && closedInFirstSegment == writing.rows()) {
                writing.finish(); // every row written so far is closed
                closedInFirstSegment = 0;
            }
        }

        /**
         * Hands over the encoded entry rows at the end of the day (those after {@link #kept}),
         * oldest first; the first {@link #closedInFirstSegment} rows are of closed lots. The lots
         * are done with after it.
         */
        List<RowBlock> takeEntryRows() {
            List<RowBlock> all = new ArrayList<>(segments);
            if (writing.rows() > 0) all.add(writing.finish());
            return all;
        }

        private void shift(int n) {
            System.arraycopy(ids, head, ids, 0, n);
            System.arraycopy(times, head, times, 0, n);
            System.arraycopy(sizes, head, sizes, 0, n);
            System.arraycopy(remaining, head, remaining, 0, n);
            head = 0;
            end = n;
        }
    }
}
