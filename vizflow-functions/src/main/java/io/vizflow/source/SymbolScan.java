package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.VizRow;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One quick pass over a day's symbol and time columns, made while the job is planned: it numbers
 * the symbols densely ({@link SymbolIds}) and tells whether the file is in time order, as an
 * exchange feed is. With both, each row's place in its symbol's day is its row id, and the keyed
 * sort of the job compares a compact fixed-length key instead of deserializing records.
 */
public final class SymbolScan {
    private final SymbolIds ids;
    private final boolean timeOrdered;
    private final long rows;

    private SymbolScan(SymbolIds ids, boolean timeOrdered, long rows) {
        this.ids = ids;
        this.timeOrdered = timeOrdered;
        this.rows = rows;
    }

    /** Scans the two columns; the symbol is read as {@code symbolType} (LONG or STRING). */
    public static SymbolScan of(Path path, String symbolColumn, ColumnType symbolType, String timeColumn) {
        List<InputColumn> cols = List.of(InputColumn.of(symbolColumn, symbolType, true),
                InputColumn.of(timeColumn, ColumnType.LONG, true));
        FeatherFile file = FeatherFile.open(path);
        long[] counts = file.batchRowCounts();
        Set<Long> longs = new HashSet<>();
        TreeSet<String> strings = new TreeSet<>();
        boolean ordered = true;
        long previous = Long.MIN_VALUE;
        long firstRow = 0;
        try (FeatherBatchReader reader = new FeatherBatchReader(path, cols, FeatherBatchReader.SharedAllocator.get())) {
            for (int b = 0; b < counts.length; b++) {
                int n = reader.load(b, firstRow);
                FieldVector sym = reader.vector(0);
                FieldVector time = reader.vector(1);
                if (symbolType == ColumnType.LONG && sym instanceof BigIntVector && time instanceof BigIntVector
                        && sym.getNullCount() == 0 && time.getNullCount() == 0) {
                    BigIntVector s = (BigIntVector) sym;
                    BigIntVector t = (BigIntVector) time;
                    long last = Long.MIN_VALUE;
                    for (int i = 0; i < n; i++) {
                        long v = s.get(i);
                        if (v != last) {
                            longs.add(v);
                            last = v;
                        }
                        long ts = t.get(i);
                        if (ts < previous) ordered = false;
                        previous = ts;
                    }
                } else {
                    // any other types (and nulls, refused with their row): through the row converters
                    VizRow[] rows = reader.convert(0, n);
                    for (VizRow r : rows) {
                        if (symbolType == ColumnType.LONG) longs.add(r.getLong(0)); else strings.add(r.getString(0));
                        long ts = r.getLong(1);
                        if (ts < previous) ordered = false;
                        previous = ts;
                    }
                }
                firstRow += n;
                reader.release();
            }
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e.getMessage(), e);
        }
        SymbolIds ids = symbolType == ColumnType.LONG ? SymbolIds.ofLongs(longs) : SymbolIds.ofStrings(strings);
        return new SymbolScan(ids, ordered, firstRow);
    }

    public SymbolIds ids() {
        return ids;
    }

    /** True when the time column never decreases from one row to the next. */
    public boolean timeOrdered() {
        return timeOrdered;
    }

    public long rows() {
        return rows;
    }
}
