package io.vizflow.jobs.bench;

import io.vizflow.partial.PartialLayout;
import io.vizflow.partial.PartialSink;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Partials of the alpha-evaluation pipeline (samples/alpha.yaml: group by alpha1_bin and
 * elapsed_seconds_bin; count, sums, counts and a sum of squares of 60/300/600 s returns), written
 * with Flink's Parquet writer as the per-date job writes them, for weekdays from a start date: about
 * 450 groups a date (alpha1 bins -25..25 of width 1e-4 times the nine half-hour bins, a few empty).
 */
public final class SyntheticPartials {
    static final String CONFIG = String.join("\n",
            "# the alpha pipeline (samples/alpha.yaml) over synthetic partials: vizflow query-bench",
            "input_dir: raw",
            "output_dir: %s",
            "consolidated_dir: %s",
            "input_pattern: \"fills_{date}.feather\"",
            "market: CN",
            "columns: {timestamp: ticktime, symbol: ukey, price: mid, quantity: qty, side: side}",
            "horizons: [60, 300, 600]",
            "binwidths: {alpha1: 1.0e-4, elapsed_seconds: 1800}",
            "group_by: [alpha1_bin, elapsed_seconds_bin]",
            "metrics:",
            "  count: \"COUNT(*)\"",
            "  sum_return_60: \"SUM(return_60)\"",
            "  sum_return_300: \"SUM(return_300)\"",
            "  sum_return_600: \"SUM(return_600)\"",
            "  n_return_60: \"COUNT(return_60)\"",
            "  n_return_300: \"COUNT(return_300)\"",
            "  n_return_600: \"COUNT(return_600)\"",
            "  sumsq_return_60: \"SUM(return_60 * return_60)\"",
            "derived:",
            "  mean_return_60: \"sum_return_60 / n_return_60\"",
            "  sd_return_60: \"SQRT((sumsq_return_60 - sum_return_60 * sum_return_60 / n_return_60) / (n_return_60 - 1))\"",
            "  mean_return_300: \"sum_return_300 / n_return_300\"",
            "");

    private static final RowType SCHEMA = (RowType) DataTypes.ROW(
            DataTypes.FIELD("alpha1_bin", DataTypes.BIGINT()),
            DataTypes.FIELD("elapsed_seconds_bin", DataTypes.BIGINT()),
            DataTypes.FIELD("count", DataTypes.BIGINT()),
            DataTypes.FIELD("sum_return_60", DataTypes.DOUBLE()),
            DataTypes.FIELD("sum_return_300", DataTypes.DOUBLE()),
            DataTypes.FIELD("sum_return_600", DataTypes.DOUBLE()),
            DataTypes.FIELD("n_return_60", DataTypes.BIGINT()),
            DataTypes.FIELD("n_return_300", DataTypes.BIGINT()),
            DataTypes.FIELD("n_return_600", DataTypes.BIGINT()),
            DataTypes.FIELD("sumsq_return_60", DataTypes.DOUBLE())).getLogicalType();

    private SyntheticPartials() {}

    /** The config of the synthetic partials, for {@code partials} and {@code consolidated}. */
    public static String config(Path partials, Path consolidated) {
        return String.format(CONFIG, partials, consolidated);
    }

    /** The first {@code n} weekdays from {@code first}. */
    public static List<LocalDate> weekdays(LocalDate first, int n) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = first; out.size() < n; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) out.add(d);
        }
        return out;
    }

    /** Writes one date's partial ({@code date=YYYYMMDD/part-00000.parquet} + {@code _SUCCESS}); returns its groups. */
    public static int write(Path partials, LocalDate date) throws IOException {
        Random rnd = new Random(date.toEpochDay());
        Path dir = PartialLayout.dateDir(partials, date);
        Files.createDirectories(dir);
        ParquetWriterFactory<RowData> factory = PartialSink.parquetWriters(SCHEMA);
        org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(dir.resolve("part-00000.parquet").toUri());
        int groups = 0;
        try (FSDataOutputStream out = file.getFileSystem().create(file, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<RowData> w = factory.create(out);
            for (long bin = -25; bin <= 25; bin++) {
                for (long half = 0; half <= 8; half++) {
                    if (rnd.nextInt(50) == 0) continue; // a few empty groups
                    long count = 1 + (long) (2000 * Math.exp(-bin * bin / 120.0) * (0.5 + rnd.nextDouble()));
                    double drift = bin * 2e-5;
                    long n60 = half == 8 ? count / 10 : count;
                    long n300 = half == 8 ? count / 20 : count;
                    long n600 = half == 8 ? 0 : count;
                    double s60 = n60 * (drift + rnd.nextGaussian() * 1e-3 / Math.sqrt(n60 + 1));
                    GenericRowData row = GenericRowData.of(bin, half, count, s60,
                            n300 * (2 * drift + rnd.nextGaussian() * 2e-3 / Math.sqrt(n300 + 1)),
                            n600 * (3 * drift + rnd.nextGaussian() * 3e-3 / Math.sqrt(n600 + 1)),
                            n60, n300, n600, n60 * (1e-6 + drift * drift) + s60 * s60 / Math.max(n60, 1));
                    w.addElement(row);
                    groups++;
                }
            }
            w.finish();
        }
        Files.write(dir.resolve(PartialLayout.SUCCESS), new byte[0]);
        return groups;
    }
}
