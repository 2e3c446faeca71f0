package io.vizflow.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vizflow.row.ColumnType;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.VizRow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Feather fixtures in src/test/resources/source (made by make_fixtures.py) and what pyarrow
 * wrote into them (expected.json), with helpers to read them through the split reader.
 */
final class Fixtures {
    private static JsonNode expected;

    private Fixtures() {}

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/source/" + name);
        assertNotNull(url, "missing test resource source/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized JsonNode expected(String name) {
        if (expected == null) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/source/expected.json")) {
                expected = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode e = expected.get(name);
        assertNotNull(e, "no expectations for " + name);
        return e;
    }

    static ColumnType typeOfKind(String kind) {
        switch (kind) {
            case "int": return ColumnType.LONG;
            case "double": return ColumnType.DOUBLE;
            case "string": return ColumnType.STRING;
            default: return ColumnType.BOOLEAN;
        }
    }

    /** Every column expected.json describes for a fixture, except the ones named in {@code skip}. */
    static List<InputColumn> columnsOf(String fixture, boolean required, String... skip) {
        List<InputColumn> cols = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = expected(fixture).get("columns").fields();
        outer:
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String s : skip) {
                if (s.equals(e.getKey())) continue outer;
            }
            cols.add(InputColumn.of(e.getKey(), typeOfKind(e.getValue().get("kind").asText()), required));
        }
        return cols;
    }

    /** Reads a whole file through one split reader, in splits of about {@code rowsPerSplit} rows. */
    static List<VizRow> readAll(Path file, List<InputColumn> columns, long rowsPerSplit, BufferAllocator allocator)
            throws IOException {
        FeatherSource source = new FeatherSource(file.toString(), columns).withRowsPerSplit(rowsPerSplit);
        return readSplits(source.planSplits(), columns, allocator, 1000);
    }

    static List<VizRow> readSplits(List<FeatherSplit> splits, List<InputColumn> columns, BufferAllocator allocator,
                                   int rowsPerSlice) throws IOException {
        List<VizRow> rows = new ArrayList<>();
        try (FeatherSplitReader reader = new FeatherSplitReader(columns, allocator, rowsPerSlice)) {
            reader.handleSplitsChanges(new SplitsAddition<>(splits));
            int finished = 0;
            while (finished < splits.size()) {
                RecordsWithSplitIds<BatchSlice> records = reader.fetch();
                while (records.nextSplit() != null) {
                    BatchSlice s;
                    while ((s = records.nextRecordFromSplit()) != null) {
                        ColumnBatch batch = new ColumnBatch(FeatherSource.schemaOf(columns), 1);
                        s.convert(batch);
                        for (int i = 0; i < batch.size(); i++) {
                            rows.add(batch.row(i, VizRow.withHeadroom(columns.size() + 1)));
                        }
                    }
                }
                finished += records.finishedSplits().size();
            }
            assertTrue(reader.fetch().finishedSplits().isEmpty());
        }
        return rows;
    }

    /**
     * Checks rows (any order) against what pyarrow wrote: row count, row ids 0..n-1, and per
     * column the null count, the checksum and the sample rows of expected.json.
     */
    static void assertMatchesExpected(String fixture, List<InputColumn> columns, List<VizRow> rows) {
        JsonNode e = expected(fixture);
        int n = e.get("rows").asInt();
        assertEquals(n, rows.size(), fixture + " row count");
        int idPos = columns.size();
        VizRow[] byId = new VizRow[n];
        for (VizRow r : rows) {
            int id = (int) r.getLong(idPos);
            assertTrue(id >= 0 && id < n, "row id " + id);
            assertEquals(null, byId[id], "row id " + id + " twice");
            byId[id] = r;
        }
        for (int c = 0; c < columns.size(); c++) {
            InputColumn col = columns.get(c);
            JsonNode ce = e.get("columns").get(col.fileColumn());
            long nulls = 0;
            long sum = 0;
            for (VizRow r : byId) {
                if (r.isNull(c)) {
                    nulls++;
                    continue;
                }
                switch (col.type()) {
                    case LONG: sum += r.getLong(c); break;
                    case DOUBLE: sum += Double.doubleToRawLongBits(r.getDouble(c)); break;
                    case STRING: sum += r.getString(c).hashCode(); break;
                    default: sum += r.getBoolean(c) ? 1 : 0;
                }
            }
            String what = fixture + " column " + col.fileColumn();
            assertEquals(ce.get("nulls").asLong(), nulls, what + " nulls");
            String key = col.type() == ColumnType.LONG ? "sum" : col.type() == ColumnType.DOUBLE ? "bits_sum"
                    : col.type() == ColumnType.STRING ? "hash_sum" : "true_count";
            assertEquals(ce.get(key).asLong(), sum, what + " " + key);
        }
        Iterator<Map.Entry<String, JsonNode>> samples = e.get("samples").fields();
        while (samples.hasNext()) {
            Map.Entry<String, JsonNode> s = samples.next();
            VizRow r = byId[Integer.parseInt(s.getKey())];
            for (int c = 0; c < columns.size(); c++) {
                InputColumn col = columns.get(c);
                assertValue(s.getValue().get(col.fileColumn()), col.type(), r, c,
                        fixture + " row " + s.getKey() + " column " + col.fileColumn());
            }
        }
    }

    /** A double as Python's repr() writes it. */
    static double parseDouble(String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(s);
        }
    }

    static void assertValue(JsonNode expected, ColumnType type, VizRow r, int c, String what) {
        if (expected == null || expected.isNull()) {
            assertTrue(r.isNull(c), what + " should be null");
            return;
        }
        assertFalse(r.isNull(c), what + " should not be null");
        switch (type) {
            case LONG: assertEquals(expected.asLong(), r.getLong(c), what); break;
            case DOUBLE: assertEquals(parseDouble(expected.asText()), r.getDouble(c), 0.0, what); break;
            case STRING: assertEquals(expected.asText(), r.getString(c), what); break;
            default: assertEquals(expected.asBoolean(), r.getBoolean(c), what);
        }
    }
}
