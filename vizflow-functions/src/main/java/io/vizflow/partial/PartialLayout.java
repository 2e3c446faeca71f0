package io.vizflow.partial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Where partial results live (CONTRACT section 6): {@code {output_dir}/date=YYYYMMDD/*.parquet},
 * a completed date marked by {@code _SUCCESS}.
 */
public final class PartialLayout {
    public static final String SUCCESS = "_SUCCESS";
    static final String STAGING = ".staging";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private PartialLayout() {}

    /** The folder of one date's partial. */
    public static Path dateDir(Path outputDir, LocalDate date) {
        return outputDir.resolve("date=" + date.format(YYYYMMDD));
    }

    /** Deletes a folder and everything in it, ignoring what cannot be deleted. */
    public static void deleteQuietly(Path dir) {
        try {
            Folders.deleteRecursively(dir);
        } catch (java.io.IOException ignored) {
            // best effort: a temporary folder
        }
    }

    /** The Parquet files of a date's partial, in name order. */
    public static java.util.List<Path> files(Path outputDir, LocalDate date) {
        try (java.util.stream.Stream<Path> files = Files.list(dateDir(outputDir, date))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** True when the date's partial is complete (its {@code _SUCCESS} exists). */
    public static boolean isComplete(Path outputDir, LocalDate date) {
        return Files.isRegularFile(dateDir(outputDir, date).resolve(SUCCESS));
    }
}
