package io.vizflow.consolidate;

import io.vizflow.BadInputException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a consolidated dataset holds, written next to its Parquet files as {@code manifest.json}, so
 * that readers need no config: the dimensions (with the bin widths of binned ones), the metrics
 * with their merge rules, the derived expressions, and the dates held, each with the fingerprint of
 * the partial it was made from and its Parquet file(s).
 *
 * <pre>
 * {consolidated_dir}/manifest.json
 * {consolidated_dir}/data/YYYYMMDD-RUN.parquet    one per date: date, the group-by columns, the metrics
 * </pre>
 *
 * The manifest is replaced atomically (written aside, then renamed); a reader that reads it and then
 * the files it names sees one consistent version of the dataset.
 *
 * @param format     the manifest format, {@link #FORMAT}
 * @param partials   the partials folder it was made from (absolute)
 * @param dimensions the group-by columns, in order
 * @param metrics    the metrics, in order
 * @param derived    derived name to expression
 * @param dates      YYYYMMDD to the date's entry, in date order
 * @param updated    when it was written (ISO-8601 instant)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsolidatedManifest(int format, String partials, List<Dimension> dimensions, List<Metric> metrics,
                                   Map<String, String> derived, SortedMap<String, DateEntry> dates, String updated) {
    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    public static final String DATA = "data";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ConsolidatedManifest {
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        derived = derived == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(derived));
        dates = Collections.unmodifiableSortedMap(new TreeMap<>(dates == null ? Map.of() : dates));
    }

    /**
     * A group-by column.
     *
     * @param name     the column
     * @param type     BIGINT, DOUBLE, VARCHAR or BOOLEAN
     * @param binOf    for a bin column ({@code alpha1_bin}), the binned column ({@code alpha1}); else null
     * @param binWidth the bin width; a bin's real value is {@code bin * binWidth}; else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dimension(String name, String type, String binOf, Double binWidth) {}

    /**
     * A metric column.
     *
     * @param name       the column
     * @param expression the Flink SQL aggregate that made it per date
     * @param merge      how dates merge
     * @param type       BIGINT or DOUBLE (or the partial's type)
     */
    public record Metric(String name, String expression, MergeRule merge, String type) {}

    /**
     * One date held.
     *
     * @param fingerprint the partial's fingerprint (its Parquet files' names, sizes and modification times)
     * @param files       its Parquet files, relative to the dataset folder
     * @param rows        its rows (groups)
     */
    public record DateEntry(String fingerprint, List<String> files, long rows) {
        public DateEntry {
            files = List.copyOf(files);
        }
    }

    /** True when {@code other} has the same columns, types and merge rules (its data can be mixed with ours). */
    public boolean sameSchema(ConsolidatedManifest other) {
        return other != null && dimensions.equals(other.dimensions) && metrics.equals(other.metrics);
    }

    /** This manifest with other dates (and a fresh timestamp). */
    public ConsolidatedManifest withDates(SortedMap<String, DateEntry> newDates) {
        return new ConsolidatedManifest(format, partials, dimensions, metrics, derived, newDates,
                java.time.Instant.now().toString());
    }

    /** Reads {@code dir/manifest.json}, or null when there is none. */
    public static ConsolidatedManifest readIfExists(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return null;
        ConsolidatedManifest m;
        try {
            m = JSON.readValue(file.toFile(), ConsolidatedManifest.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": not a VizFlow consolidated manifest: " + e.getMessage(), e);
        }
        if (m.format() != FORMAT) {
            throw new BadInputException(file + ": manifest format " + m.format() + ", this VizFlow reads format " + FORMAT);
        }
        if (m.dimensions() == null || m.metrics() == null) {
            throw new BadInputException(file + ": the manifest has no dimensions or metrics");
        }
        return m;
    }

    /** Reads {@code dir/manifest.json}; a missing one is an error that says how to make it. */
    public static ConsolidatedManifest read(Path dir) {
        ConsolidatedManifest m = readIfExists(dir);
        if (m == null) {
            throw new BadInputException(dir + ": no consolidated dataset here (no " + FILE
                    + "); run `vizflow consolidate --config FILE` first");
        }
        return m;
    }

    /** Writes {@code dir/manifest.json} atomically. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + FILE + "." + UUID.randomUUID());
        try {
            JSON.writeValue(tmp.toFile(), this);
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The manifest as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
