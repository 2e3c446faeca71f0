package io.vizflow.jobs.consolidate;

import io.vizflow.jobs.Golden;
import io.vizflow.partial.Folders;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.DailyJob;
import io.vizflow.query.Query;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The consolidation fixtures (tools/make_consolidation_golden.py): three small days, the configs of
 * both pipelines, and the aggregate of all the days' rows at once; partials made by the real
 * per-date job; and how to compare a query's answer with an expected aggregate.
 */
final class Fixtures {
    static final double RELATIVE = 1e-9;
    static final List<String> DAYS = List.of("20240108", "20240109", "20240110");
    static final Map<String, List<String>> KEYS = Map.of(
            "alpha", List.of("alpha1_bin", "elapsed_seconds_bin"),
            "posttrade", List.of("alpha1_bin", "side", "is_closed"));

    private Fixtures() {}

    static Path resource(String path) {
        try {
            return Path.of(Fixtures.class.getResource("/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate date(String ymd) {
        return LocalDate.parse(ymd, DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** A fixture config with its folders pointed at {@code work/partials} and {@code work/consolidated}. */
    static VizFlowConfig config(String pipeline, Path work) {
        try {
            String yaml = Files.readString(resource("consolidation/" + pipeline + ".yaml"))
                    .replace("input_dir: data/raw", "input_dir: " + resource("consolidation/raw"))
                    .replace("output_dir: data/partials", "output_dir: " + work.resolve("partials"))
                    .replace("consolidated_dir: data/consolidated", "consolidated_dir: " + work.resolve("consolidated"));
            return VizFlowConfig.parse(yaml, pipeline + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the per-date job of every fixture day into {@code work/partials}. */
    static void makePartials(String pipeline, Path work) throws Exception {
        for (String d : DAYS) new DailyJob(config(pipeline, work), date(d)).run();
    }

    /** Copies one date's partial folder (a fresh copy: new modification times). */
    static void copyDate(Path fromWork, Path toWork, String ymd) throws IOException {
        Path from = fromWork.resolve("partials").resolve("date=" + ymd);
        Path to = toWork.resolve("partials").resolve("date=" + ymd);
        if (Files.exists(to)) deleteRecursively(to);
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        Folders.deleteRecursively(root);
    }

    /** Rows of an expected CSV of the consolidation fixtures, keyed by their group-by values. */
    static Map<String, Map<String, String>> expected(String file, List<String> keys) {
        return Golden.readCsv("consolidation/expected/" + file, keys);
    }

    /**
     * Every group of the consolidated dataset, merged over all its dates by the query layer
     * (grouped by all group-by columns: the third one of the post-trade pipeline as a filter).
     */
    static Map<String, Map<String, Object>> mergedGroups(Path consolidated, String pipeline, List<String> metrics) {
        List<String> keys = KEYS.get(pipeline);
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (QueryService service = QueryService.open(consolidated)) {
            List<Query> queries = new ArrayList<>();
            if (keys.size() == 2) {
                queries.add(Query.builder().groupBy(keys).metrics(metrics).build());
            } else {
                for (boolean closed : new boolean[] {false, true}) {
                    queries.add(Query.builder().where(keys.get(2), closed).groupBy(keys.subList(0, 2)).metrics(metrics).build());
                }
            }
            for (Query q : queries) {
                QueryResult r = service.run(q);
                for (List<Object> values : r.rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < values.size(); i++) row.put(r.columns().get(i).name(), values.get(i));
                    if (keys.size() == 3) row.put(keys.get(2), q.in().get(keys.get(2)).get(0));
                    out.put(key(row, keys), row);
                }
            }
        }
        return out;
    }

    static String key(Map<String, ?> row, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) parts.add(String.valueOf(row.get(k)));
        return String.join("|", parts);
    }

    /** Every group and every metric equal (integers exactly, reals to a relative 1e-9). */
    static void assertSameGroups(Map<String, Map<String, String>> expected, Map<String, Map<String, Object>> actual,
                                 List<String> keys) {
        assertEquals(expected.keySet(), actual.keySet(), "the groups");
        int compared = 0;
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Map<String, Object> ours = actual.get(e.getKey());
            for (Map.Entry<String, String> m : e.getValue().entrySet()) {
                if (keys.contains(m.getKey())) continue;
                String where = "group " + e.getKey() + ", metric " + m.getKey();
                assertTrue(ours.containsKey(m.getKey()), where + ": missing");
                String want = m.getValue();
                Object got = ours.get(m.getKey());
                if (want == null) {
                    assertEquals(null, got, where);
                } else if (got instanceof Long l) {
                    assertEquals(Long.parseLong(want), l, where);
                } else if (got instanceof Double g) {
                    double w = Double.parseDouble(want);
                    assertTrue(Math.abs(g - w) <= RELATIVE * Math.max(Math.abs(w), 1e-300) || g == w,
                            where + ": expected " + w + " but was " + g);
                } else {
                    fail(where + ": unexpected value " + got);
                }
                compared++;
            }
        }
        assertTrue(compared > 0);
    }
}
