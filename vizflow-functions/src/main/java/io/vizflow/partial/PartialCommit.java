package io.vizflow.partial;

import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.table.types.logical.RowType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Makes one date's partial appear atomically. The job writes into a private staging folder
 * ({@code {output_dir}/.staging/...}); {@link #commit} names the files {@code part-NNNNN.parquet},
 * marks the folder with {@code _SUCCESS} and moves it into place with one rename, replacing an
 * earlier partial of the date. Closing an uncommitted one deletes the staging folder, so a failed
 * run leaves nothing behind (an earlier complete partial of the date stays as it was).
 */
public final class PartialCommit implements AutoCloseable {
    private final Path outputDir;
    private final LocalDate date;
    private final Path staging;
    private boolean committed;

    private PartialCommit(Path outputDir, LocalDate date, Path staging) {
        this.outputDir = outputDir;
        this.date = date;
        this.staging = staging;
    }

    /**
     * Opens a fresh staging folder for the date, first removing what a killed run of the same
     * date left in staging (one date is run by one process at a time).
     */
    public static PartialCommit begin(Path outputDir, LocalDate date) throws IOException {
        Path out = outputDir.toAbsolutePath().normalize();
        Path root = out.resolve(PartialLayout.STAGING);
        String prefix = PartialLayout.dateDir(out, date).getFileName() + ".";
        if (Files.isDirectory(root)) {
            try (Stream<Path> left = Files.list(root)) {
                for (Path p : (Iterable<Path>) left::iterator) {
                    if (p.getFileName().toString().startsWith(prefix)) Folders.deleteRecursively(p);
                }
            }
        }
        Path staging = root.resolve(prefix + UUID.randomUUID());
        Files.createDirectories(staging);
        return new PartialCommit(out, date, staging);
    }

    /** Where the job writes its files. */
    public Path staging() {
        return staging;
    }

    /**
     * Publishes the staged files as the date's partial. When the job wrote no file (no group at
     * all), an empty Parquet file with the partial's columns is written, so readers still see the
     * schema.
     *
     * @return the published Parquet files
     */
    public List<Path> commit(RowType schema) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(staging)) {
            files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(parts::add);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String name = String.format("part-%05d.parquet", i);
            Files.move(parts.get(i), staging.resolve(name));
            names.add(name);
        }
        if (parts.isEmpty()) {
            String name = "part-00000.parquet";
            writeEmpty(staging.resolve(name), schema);
            names.add(name);
        }
        try (Stream<Path> hidden = Files.list(staging)) {
            for (Path p : (Iterable<Path>) hidden::iterator) {
                if (p.getFileName().toString().startsWith(".")) Folders.deleteRecursively(p);
            }
        }
        Files.createFile(staging.resolve(PartialLayout.SUCCESS));

        Path target = PartialLayout.dateDir(outputDir, date);
        Path old = null;
        if (Files.exists(target)) {
            old = staging.resolveSibling(target.getFileName() + ".replaced." + UUID.randomUUID());
            Folders.move(target, old);
        }
        Folders.move(staging, target);
        committed = true;
        if (old != null) Folders.deleteRecursively(old);
        List<Path> published = new ArrayList<>();
        for (String n : names) published.add(target.resolve(n));
        return published;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Folders.deleteRecursively(staging);
        }
        Path stagingRoot = staging.getParent();
        try (Stream<Path> left = Files.list(stagingRoot)) {
            if (left.findAny().isEmpty()) Files.deleteIfExists(stagingRoot);
        } catch (IOException | UncheckedIOException ignored) {
            // another run is staging next to us
        }
    }


    private static void writeEmpty(Path file, RowType schema) throws IOException {
        ParquetWriterFactory<org.apache.flink.table.data.RowData> factory = PartialSink.parquetWriters(schema);
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out = p.getFileSystem().create(p, FileSystem.WriteMode.NO_OVERWRITE)) {
            factory.create(out).finish();
        }
    }

}
