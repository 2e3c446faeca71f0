package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a day's file is in time order, from one pass over its int64 time column (an exchange
 * feed is; a file sorted by symbol is not). Knowing it before the job runs lets the per-symbol
 * stage process each symbol's rows as they arrive instead of holding them until the symbol ends.
 */
public final class TimeOrder {
    private TimeOrder() {}

    /** True when {@code column} (int64) never decreases from one row to the next and has no null. */
    public static boolean of(Path path, String column) {
        long previous = Long.MIN_VALUE;
        long firstRow = 0;
        List<InputColumn> cols = List.of(InputColumn.of(column, ColumnType.LONG, true));
        try (FeatherBatchReader reader = new FeatherBatchReader(path, cols, FeatherBatchReader.SharedAllocator.get())) {
            for (int b = 0; b < reader.file().batchCount(); b++) {
                int n = reader.load(b, firstRow);
                FieldVector v = reader.vector(0);
                if (!(v instanceof BigIntVector) || v.getNullCount() > 0) {
                    return false; // not plain int64 (or nulls, which the job reports with their row)
                }
                BigIntVector t = (BigIntVector) v;
                for (int i = 0; i < n; i++) {
                    long x = t.get(i);
                    if (x < previous) return false;
                    previous = x;
                }
                firstRow += n;
                reader.release();
            }
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e.getMessage(), e);
        }
        return true;
    }
}
