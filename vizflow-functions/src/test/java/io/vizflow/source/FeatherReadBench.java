package io.vizflow.source;

import io.vizflow.row.ColumnType;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.VizRow;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Read throughput of the source's split reader, outside Flink (one thread decodes and converts).
 *
 * <pre>java -cp ... io.vizflow.source.FeatherReadBench FILE [REPEATS] [COLUMN ...]</pre>
 *
 * Reads every integer, timestamp, float, string and boolean column (or the named ones) and
 * prints rows/s with per-column sums to compare with pyarrow.
 */
public final class FeatherReadBench {
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Set<String> only = new HashSet<>();
        for (int i = 2; i < args.length; i++) only.add(args[i]);

        FeatherFile file = FeatherFile.open(path);
        List<InputColumn> columns = new ArrayList<>();
        for (Field f : file.schema().getFields()) {
            if (!only.isEmpty() && !only.contains(f.getName())) continue;
            ColumnType t = typeFor(f);
            if (t != null) columns.add(InputColumn.of(f.getName(), t, false));
        }
        System.out.printf("%s: %,d rows, %d batches, %.0f MB; columns %s%n", path, file.rowCount(),
                file.batchCount(), path.toFile().length() / 1e6, columns.stream().map(InputColumn::name).toList());

        for (int rep = 0; rep < repeats; rep++) {
            long t0 = System.nanoTime();
            long rows = 0;
            long[] longSums = new long[columns.size()];
            double[] doubleSums = new double[columns.size()];
            ColumnBatch reused = new ColumnBatch(FeatherSource.schemaOf(columns), FeatherSplitReader.DEFAULT_ROWS_PER_SLICE);
            VizRow row = VizRow.withHeadroom(columns.size() + 1);
            try (RootAllocator allocator = new RootAllocator()) {
                List<FeatherSplit> splits = FeatherSplitEnumerator.plan(
                        path.toString(), file.batchRowCounts(), FeatherSource.DEFAULT_ROWS_PER_SPLIT);
                try (FeatherSplitReader reader = new FeatherSplitReader(
                        columns, allocator, FeatherSplitReader.DEFAULT_ROWS_PER_SLICE)) {
                    reader.handleSplitsChanges(new SplitsAddition<>(splits));
                    int finished = 0;
                    while (finished < splits.size()) {
                        RecordsWithSplitIds<BatchSlice> records = reader.fetch();
                        while (records.nextSplit() != null) {
                            BatchSlice slice;
                            while ((slice = records.nextRecordFromSplit()) != null) {
                                slice.convert(reused);
                                for (int i = 0; i < slice.n(); i++) {
                                    reused.row(i, row);
                                    rows++;
                                    for (int c = 0; c < longSums.length; c++) {
                                        ColumnType t = columns.get(c).type();
                                        if (row.isNull(c)) continue;
                                        if (t == ColumnType.LONG) longSums[c] += row.getLong(c);
                                        else if (t == ColumnType.DOUBLE) doubleSums[c] += row.getDouble(c);
                                        else if (t == ColumnType.STRING) longSums[c] += row.getString(c).length();
                                    }
                                }
                            }
                        }
                        finished += records.finishedSplits().size();
                    }
                }
                if (allocator.getAllocatedMemory() != 0) {
                    throw new IllegalStateException("leaked " + allocator.getAllocatedMemory() + " bytes");
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %,d rows in %.2f s = %,.0f rows/s%n", rep + 1, rows, s, rows / s);
            if (rep == repeats - 1) {
                for (int c = 0; c < columns.size(); c++) {
                    ColumnType t = columns.get(c).type();
                    System.out.printf("  %-10s %s sum %s%n", columns.get(c).name(), t,
                            t == ColumnType.DOUBLE ? Double.toString(doubleSums[c]) : Long.toString(longSums[c]));
                }
            }
        }
    }

    private static ColumnType typeFor(Field f) {
        ArrowType t = f.getType();
        if (f.getDictionary() != null) return t instanceof ArrowType.Utf8 ? ColumnType.STRING : null;
        if (t instanceof ArrowType.Int) {
            return ((ArrowType.Int) t).getBitWidth() == 64 && !((ArrowType.Int) t).getIsSigned() ? null : ColumnType.LONG;
        }
        if (t instanceof ArrowType.Timestamp) return ColumnType.LONG;
        if (t instanceof ArrowType.FloatingPoint) return ColumnType.DOUBLE;
        if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) return ColumnType.STRING;
        if (t instanceof ArrowType.Bool) return ColumnType.BOOLEAN;
        return null;
    }
}
