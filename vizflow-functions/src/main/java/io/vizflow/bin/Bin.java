package io.vizflow.bin;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.MapFunction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bin} (CONTRACT section 5): for each {@code col: width}, adds {@code col_bin} = int64 of
 * {@code x / width} rounded half to even ({@link Math#rint}); null, NaN and infinite values give
 * a null bin.
 */
public final class Bin implements MapFunction<VizRow, VizRow> {
    private static final long serialVersionUID = 1L;

    private final int[] in;
    private final boolean[] isLong;
    private final double[] widths;
    private final int firstOut;
    private final int width;
    private final RowSchema outputSchema;

    public Bin(RowSchema input, Map<String, Double> binWidths) {
        int n = binWidths.size();
        in = new int[n];
        isLong = new boolean[n];
        widths = new double[n];
        firstOut = input.size();
        RowSchema out = input;
        int k = 0;
        for (Map.Entry<String, Double> e : new LinkedHashMap<>(binWidths).entrySet()) {
            String col = e.getKey();
            double w = e.getValue();
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("binwidths." + col + ": a bin width must be a positive number, got " + w);
            }
            if (!input.contains(col)) {
                throw new IllegalArgumentException("binwidths." + col + ": unknown column '" + col
                        + "'; columns are " + input.names());
            }
            in[k] = input.indexOf(col);
            ColumnType t = input.type(in[k]);
            if (t != ColumnType.LONG && t != ColumnType.DOUBLE) {
                throw new IllegalArgumentException("binwidths." + col + ": column '" + col + "' is " + t + ", not a number");
            }
            isLong[k] = t == ColumnType.LONG;
            widths[k] = w;
            out = out.with(column(col), ColumnType.LONG);
            k++;
        }
        outputSchema = out;
        width = out.size();
    }

    /** The name of a column's bin: {@code col_bin}. */
    public static String column(String col) {
        return col + "_bin";
    }

    public RowSchema outputSchema() {
        return outputSchema;
    }

    /** The bins of a batch's rows, added as its columns, column by column. */
    public OnBatches onBatches() {
        return new OnBatches(this);
    }

    @Override
    public VizRow map(VizRow row) {
        row.ensureWidth(width);
        for (int k = 0; k < in.length; k++) {
            int out = firstOut + k;
            if (row.isNull(in[k])) {
                row.setNull(out);
                continue;
            }
            double x = isLong[k] ? (double) row.getLong(in[k]) : row.getDouble(in[k]);
            double b = Math.rint(x / widths[k]);
            if (Double.isFinite(b)) {
                row.setLong(out, (long) b);
            } else {
                row.setNull(out);
            }
        }
        return row;
    }

    /** {@link Bin} over {@link ColumnBatch}es: the same bins, a loop per binned column. */
    public static final class OnBatches implements MapFunction<ColumnBatch, ColumnBatch> {
        private static final long serialVersionUID = 1L;
        private final Bin bin;

        private OnBatches(Bin bin) {
            this.bin = bin;
        }

        public RowSchema outputSchema() {
            return bin.outputSchema;
        }

        @Override
        public ColumnBatch map(ColumnBatch batch) {
            Bin b = bin;
            batch.ensureColumns(b.outputSchema);
            int n = batch.size();
            for (int k = 0; k < b.in.length; k++) {
                int c = b.in[k];
                int out = b.firstOut + k;
                long[] x = batch.longs(c);
                long[] bins = batch.longs(out);
                double w = b.widths[k];
                boolean nulls = batch.hasNulls(c);
                batch.clearNulls(out);
                for (int r = 0; r < n; r++) {
                    double v = b.isLong[k] ? (double) x[r] : Double.longBitsToDouble(x[r]);
                    double q = Math.rint(v / w);
                    if ((nulls && batch.isNull(c, r)) || !Double.isFinite(q)) {
                        batch.setNull(out, r);
                    } else {
                        bins[r] = (long) q;
                    }
                }
            }
            return batch;
        }
    }
}
