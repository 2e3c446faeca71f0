package io.vizflow.jobs.consolidate;

import io.vizflow.BadInputException;
import io.vizflow.partial.PartialLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The partials under {@code output_dir}: the complete dates ({@code date=YYYYMMDD/} with
 * {@code _SUCCESS}), each with its Parquet files and a fingerprint of them (names, sizes and
 * modification times: a rerun of the date, which replaces the folder, changes it), and the dates
 * that are not complete.
 */
final class PartialScan {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    /** A complete date's partial. */
    record PartialDate(LocalDate date, Path dir, List<Path> files, String fingerprint) {
        String ymd() {
            return date.format(YYYYMMDD);
        }
    }

    final Path outputDir;
    final List<PartialDate> complete;
    final List<LocalDate> incomplete;

    private PartialScan(Path outputDir, List<PartialDate> complete, List<LocalDate> incomplete) {
        this.outputDir = outputDir;
        this.complete = List.copyOf(complete);
        this.incomplete = List.copyOf(incomplete);
    }

    static PartialScan of(Path outputDir) {
        Path out = outputDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(out)) {
            throw new BadInputException(out + ": no partials here (output_dir); run `vizflow run` or `vizflow run-batch` first");
        }
        List<PartialDate> complete = new ArrayList<>();
        List<LocalDate> incomplete = new ArrayList<>();
        try (Stream<Path> entries = Files.list(out)) {
            for (Path dir : entries.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!Files.isDirectory(dir) || !name.startsWith("date=")) continue;
                LocalDate date;
                try {
                    date = LocalDate.parse(name.substring(5), YYYYMMDD);
                } catch (DateTimeParseException e) {
                    throw new BadInputException(dir + ": not a date folder (date=YYYYMMDD)");
                }
                if (!Files.isRegularFile(dir.resolve(PartialLayout.SUCCESS))) {
                    incomplete.add(date);
                } else {
                    complete.add(read(date, dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot list the partials: " + e.getMessage(), e);
        }
        return new PartialScan(out, complete, incomplete);
    }

    private static PartialDate read(LocalDate date, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        StringBuilder print = new StringBuilder();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") || n.startsWith("_")) continue;
                if (!Files.isRegularFile(f) || !n.endsWith(".parquet")) {
                    throw new BadInputException(f + ": not a Parquet file; a partial holds *.parquet files and _SUCCESS only");
                }
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                print.append(n).append('\t').append(a.size()).append('\t').append(a.lastModifiedTime().toMillis()).append('\n');
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException(dir + ": marked complete (_SUCCESS) but holds no *.parquet file; run the date again");
        }
        return new PartialDate(date, dir, files, sha256(print.toString()));
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
