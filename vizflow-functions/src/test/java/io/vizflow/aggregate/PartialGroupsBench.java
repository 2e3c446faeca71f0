package io.vizflow.aggregate;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A micro benchmark of {@link PartialGroups} (not a test: nothing runs it in the build): 20M rows of
 * post-trade-like pieces (a bin, a side, a flag; seven metrics, runs of pieces of one exit row) in
 * batches of 1024, added twelve times over, each time printed. Run after {@code mvn test-compile}:
 * {@code java -cp vizflow-functions/target/test-classes:vizflow-functions/target/classes:$(cat cp.txt)
 * io.vizflow.aggregate.PartialGroupsBench} with the module's class path in cp.txt
 * ({@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class PartialGroupsBench {
    public static void main(String[] a) {
        RowSchema s = RowSchema.empty().with("alpha1_bin", ColumnType.LONG).with("side", ColumnType.STRING)
            .with("is_closed", ColumnType.BOOLEAN).with("matched_qty", ColumnType.LONG).with("price", ColumnType.DOUBLE)
            .with("holding_period", ColumnType.LONG).with("is_large", ColumnType.BOOLEAN).with("trade_count", ColumnType.LONG)
            .with("return_300", ColumnType.DOUBLE);
        String[] ms = {"COUNT(*)", "SUM(matched_qty)", "SUM(matched_qty * price)", "SUM(holding_period)",
            "SUM(CASE WHEN is_large THEN 1 ELSE 0 END)", "MAX(trade_count)", "SUM(return_300 * matched_qty)"};
        List<PartialMetric> metrics = new ArrayList<>();
        for (String m : ms) metrics.add(PartialMetric.of(m, s));
        Random rnd = new Random(1);
        int nb = 2000;
        ColumnBatch[] batches = new ColumnBatch[nb];
        String B = new String("B"), S = new String("S");
        for (int b = 0; b < nb; b++) {
            ColumnBatch cb = new ColumnBatch(s, 1024);
            VizRow r = new VizRow(9);
            int i = 0;
            while (i < 1024) {
                long bin = (long) (rnd.nextGaussian() * 20);
                boolean sell = rnd.nextBoolean();
                int pieces = sell ? 1 + rnd.nextInt(3) : 1;
                for (int p = 0; p < pieces && i < 1024; p++, i++) {
                    r.setLong(0, bin); r.setString(1, sell ? S : B); r.setBoolean(2, sell && p < pieces - 1 || rnd.nextInt(4) > 0);
                    r.setLong(3, 100 + rnd.nextInt(1000)); r.setDouble(4, 10 + rnd.nextDouble());
                    if (sell) r.setLong(5, rnd.nextInt(1000)); else r.setNull(5);
                    r.setBoolean(6, rnd.nextInt(10) == 0); r.setLong(7, i); r.setDouble(8, rnd.nextGaussian() * 1e-3);
                    cb.add(r);
                }
            }
            batches[b] = cb;
        }
        int[] scratch = new int[1024];
        List<VizRow> out = new ArrayList<>();
        for (int it = 0; it < 12; it++) {
            PartialGroups g = new PartialGroups(s, List.of("alpha1_bin", "side", "is_closed"), metrics, 1 << 20);
            long t0 = System.nanoTime();
            for (int rep = 0; rep < 10; rep++)
                for (ColumnBatch cb : batches) g.add(cb, scratch, out::add);
            out.clear();
            g.flush(out::add);
            System.out.printf("%d groups %.3f s per 20M rows%n", out.size(), (System.nanoTime() - t0) / 1e9);
            out.clear();
        }
    }
}
