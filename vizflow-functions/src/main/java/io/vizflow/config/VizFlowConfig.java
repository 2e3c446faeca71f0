package io.vizflow.config;

import io.vizflow.BadInputException;
import io.vizflow.consolidate.DerivedMetrics;
import io.vizflow.consolidate.MergeRules;
import io.vizflow.market.Market;
import io.vizflow.market.TimeFormat;
import io.vizflow.market.TradingSession;
import io.vizflow.returns.ForwardReturns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VizFlow config (CONTRACT section 8), read from YAML and checked key by key: an unknown key, a
 * missing required key or a value of the wrong type is a {@link BadInputException} that names the
 * key. Relative paths are resolved against the working directory.
 */
public final class VizFlowConfig implements Serializable {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long serialVersionUID = 1L;

    private static final Set<String> KEYS = Set.of("input_dir", "output_dir", "input_pattern", "calendar",
            "market", "columns", "timestamp_unit", "enrich", "horizons", "tolerance", "binwidths", "group_by",
            "metrics", "time_cutoff", "consolidated_dir", "derived", "flink");
    private static final Set<String> COLUMN_KEYS = Set.of("timestamp", "symbol", "price", "quantity", "side");
    private static final Set<String> ENRICH_KEYS = Set.of("fifo", "conditions", "running");
    private static final Set<String> FIFO_KEYS = Set.of("side", "qty", "price", "entry_side", "exit_side");
    private static final Set<String> MARKET_KEYS = Set.of("name", "timezone", "sessions");

    private final String source;
    private final ObjectNode yaml;
    private final String inputDir;
    private final String outputDir;
    private final String inputPattern;
    private final String calendar;
    private final Market market;
    private final Map<String, String> columns;
    private final TimeFormat timestampUnit;
    private final boolean enrich;
    private final FifoSpec fifo;
    private final Map<String, String> conditions;
    private final Map<String, String> running;
    private final long[] horizons;
    private final Long tolerance;
    private final Map<String, Double> binwidths;
    private final List<String> groupBy;
    private final Map<String, String> metrics;
    private final Long timeCutoff;
    private final String consolidatedDir;
    private final Map<String, String> derived;
    private final Map<String, String> flink;

    private VizFlowConfig(String source, ObjectNode root) {
        this.source = source;
        this.yaml = root;
        Reader r = new Reader(source);
        r.onlyKeys(root, "", KEYS);
        inputDir = r.string(root, "input_dir", true);
        outputDir = r.string(root, "output_dir", true);
        inputPattern = r.string(root, "input_pattern", true);
        if (!inputPattern.contains("{date}")) {
            throw r.bad("input_pattern", "'" + inputPattern + "' has no {date} placeholder");
        }
        calendar = r.string(root, "calendar", false);
        market = r.market(root.get("market"));
        ObjectNode cols = r.object(root, "columns", true);
        r.onlyKeys(cols, "columns.", COLUMN_KEYS);
        columns = Collections.unmodifiableMap(r.stringMap(cols, "columns"));
        for (String k : List.of("timestamp", "symbol", "price")) {
            if (!columns.containsKey(k)) throw r.bad("columns." + k, "is required");
        }
        String unit = r.string(root, "timestamp_unit", false);
        try {
            timestampUnit = unit == null ? null : TimeFormat.parse(unit);
        } catch (IllegalArgumentException e) {
            throw r.bad("timestamp_unit", e.getMessage());
        }
        ObjectNode en = r.object(root, "enrich", false);
        enrich = en != null;
        if (en != null) {
            r.onlyKeys(en, "enrich.", ENRICH_KEYS);
            ObjectNode f = r.object(en, "fifo", false, "enrich.fifo");
            if (f != null) {
                r.onlyKeys(f, "enrich.fifo.", FIFO_KEYS);
                fifo = new FifoSpec(
                        r.string(f, "side", true, "enrich.fifo.side"),
                        r.string(f, "qty", true, "enrich.fifo.qty"),
                        r.string(f, "price", false, "enrich.fifo.price"),
                        orDefault(r.string(f, "entry_side", false, "enrich.fifo.entry_side"), "B"),
                        orDefault(r.string(f, "exit_side", false, "enrich.fifo.exit_side"), "S"));
            } else {
                fifo = null;
            }
            ObjectNode c = r.object(en, "conditions", false, "enrich.conditions");
            conditions = c == null ? Map.of() : Collections.unmodifiableMap(r.stringMap(c, "enrich.conditions"));
            ObjectNode rn = r.object(en, "running", false, "enrich.running");
            running = rn == null ? Map.of() : Collections.unmodifiableMap(r.stringMap(rn, "enrich.running"));
        } else {
            fifo = null;
            conditions = Map.of();
            running = Map.of();
        }
        horizons = r.longList(root, "horizons");
        tolerance = r.optionalLong(root, "tolerance");
        ObjectNode bw = r.object(root, "binwidths", false);
        binwidths = bw == null ? Map.of() : Collections.unmodifiableMap(r.doubleMap(bw, "binwidths"));
        groupBy = List.copyOf(r.stringList(root, "group_by"));
        ObjectNode m = r.object(root, "metrics", true);
        metrics = Collections.unmodifiableMap(r.stringMap(m, "metrics"));
        if (metrics.isEmpty()) throw r.bad("metrics", "needs at least one metric");
        timeCutoff = r.optionalLong(root, "time_cutoff");
        consolidatedDir = r.string(root, "consolidated_dir", false);
        ObjectNode d = r.object(root, "derived", false);
        derived = d == null ? Map.of() : Collections.unmodifiableMap(r.stringMap(d, "derived"));
        try {
            MergeRules.check(metrics); // a metric that cannot merge across dates exactly is refused here
            DerivedMetrics.compile(derived, metrics.keySet(), groupBy);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
        ObjectNode fl = r.object(root, "flink", false);
        flink = fl == null ? Map.of() : Collections.unmodifiableMap(r.stringMap(fl, "flink"));
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    /** Reads and checks a config file. */
    public static VizFlowConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such config file");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the config: " + e.getMessage(), e);
        }
    }

    /** Reads and checks a config from YAML text; {@code source} names it in messages. */
    public static VizFlowConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(source + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read the config: " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode)) {
            throw new BadInputException(source + ": a config is a YAML mapping of keys (input_dir, columns, metrics, ...)");
        }
        return new VizFlowConfig(source, (ObjectNode) root);
    }

    public String source() { return source; }
    public Path inputDir() { return Path.of(inputDir); }
    public Path outputDir() { return Path.of(outputDir); }
    public String inputPattern() { return inputPattern; }
    /** The calendar file, or null. */
    public Path calendar() { return calendar == null ? null : Path.of(calendar); }
    public Market market() { return market; }
    /** Semantic name (timestamp, symbol, price, quantity, side) to the file's column name. */
    public Map<String, String> columns() { return columns; }
    public String timestampColumn() { return columns.get("timestamp"); }
    public String symbolColumn() { return columns.get("symbol"); }
    public String priceColumn() { return columns.get("price"); }
    /** The configured timestamp unit, or null to take it from the column's type. */
    public TimeFormat timestampUnit() { return timestampUnit; }
    public boolean hasEnrich() { return enrich; }
    /** The FIFO section, or null. */
    public FifoSpec fifo() { return fifo; }
    public Map<String, String> conditions() { return conditions; }
    public Map<String, String> running() { return running; }
    public long[] horizons() { return horizons.clone(); }
    /** Forward-return tolerance in seconds, or null. */
    public Long tolerance() { return tolerance; }
    public Map<String, Double> binwidths() { return binwidths; }
    public List<String> groupBy() { return groupBy; }
    public Map<String, String> metrics() { return metrics; }
    /** The cutoff in the timestamp column's unit, or null. */
    public Long timeCutoff() { return timeCutoff; }
    /**
     * The horizons whose return column a step after the forward returns reads: a condition or a
     * running statistic, the FIFO columns, a bin, the group-by or a metric (any mention of
     * {@code return_<h>} counts). The partial holds only the group-by and the metrics, so the other
     * horizons' returns would be computed for nothing: the job leaves them out, as a lazy query
     * plan drops the columns nobody selects.
     */
    public long[] horizonsRead() {
        Set<String> read = new HashSet<>(groupBy);
        read.addAll(binwidths.keySet());
        List<String> expressions = new ArrayList<>(metrics.values());
        expressions.addAll(conditions.values());
        expressions.addAll(running.values());
        if (fifo != null) {
            expressions.addAll(Arrays.asList(fifo.side(), fifo.qty(), fifo.price()));
        }
        for (String e : expressions) {
            if (e == null) continue;
            Matcher m = IDENTIFIER.matcher(e);
            while (m.find()) read.add(m.group());
        }
        return Arrays.stream(horizons).filter(h -> read.contains(ForwardReturns.column(h))).toArray();
    }

    /** Where consolidation writes; default {@code {output_dir}/../consolidated}. */
    public Path consolidatedDir() {
        return consolidatedDir != null ? Path.of(consolidatedDir)
                : outputDir().toAbsolutePath().normalize().resolveSibling("consolidated");
    }
    public Map<String, String> derived() { return derived; }
    /** Flink configuration options for the job (e.g. parallelism.default). */
    public Map<String, String> flink() { return flink; }

    /** The input file of a date. */
    public Path inputFile(LocalDate date) {
        return inputDir().resolve(inputPattern.replace("{date}", String.format("%04d%02d%02d",
                date.getYear(), date.getMonthValue(), date.getDayOfMonth())));
    }

    /** The same config with another output directory. */
    public VizFlowConfig withOutputDir(Path dir) {
        ObjectNode copy = yaml.deepCopy();
        copy.put("output_dir", dir.toString());
        return new VizFlowConfig(source, copy);
    }

    /** Reads typed values, naming the key of anything wrong. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        BadInputException bad(String key, String what) {
            return new BadInputException(source + ": " + key + ": " + what);
        }

        void onlyKeys(ObjectNode node, String prefix, Set<String> allowed) {
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw bad(prefix + k, "unknown key; allowed here: " + new java.util.TreeSet<>(allowed));
                }
            }
        }

        String string(ObjectNode node, String key, boolean required) {
            return string(node, key, required, key);
        }

        String string(ObjectNode node, String key, boolean required, String path) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) throw bad(path, "is required");
                return null;
            }
            if (!v.isValueNode()) throw bad(path, "expected a text value, got " + v);
            return v.asText();
        }

        ObjectNode object(ObjectNode node, String key, boolean required) {
            return object(node, key, required, key);
        }

        ObjectNode object(ObjectNode node, String key, boolean required, String path) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) throw bad(path, "is required");
                return null;
            }
            if (!(v instanceof ObjectNode)) throw bad(path, "expected a mapping of names to values, got " + v);
            return (ObjectNode) v;
        }

        Map<String, String> stringMap(ObjectNode node, String path) {
            Map<String, String> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw bad(path + "." + e.getKey(), "expected a text value, got " + e.getValue());
                }
                out.put(e.getKey(), e.getValue().asText());
            });
            return out;
        }

        Map<String, Double> doubleMap(ObjectNode node, String path) {
            Map<String, Double> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                double d;
                if (v.isNumber()) {
                    d = v.asDouble();
                } else if (v.isTextual()) {
                    try {
                        d = Double.parseDouble(v.asText().trim());
                    } catch (NumberFormatException x) {
                        throw bad(path + "." + e.getKey(), "expected a number, got '" + v.asText() + "'");
                    }
                } else {
                    throw bad(path + "." + e.getKey(), "expected a number, got " + v);
                }
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw bad(path + "." + e.getKey(), "a bin width must be a positive number, got " + v.asText());
                }
                out.put(e.getKey(), d);
            });
            return out;
        }

        long[] longList(ObjectNode node, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) return new long[0];
            if (!v.isArray()) throw bad(key, "expected a list of whole seconds, got " + v);
            long[] out = new long[v.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode e = v.get(i);
                if (!e.canConvertToLong() || !e.isIntegralNumber() || e.asLong() < 0) {
                    throw bad(key, "expected whole non-negative seconds, got " + e);
                }
                out[i] = e.asLong();
            }
            return out;
        }

        Long optionalLong(ObjectNode node, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) return null;
            if (!v.isIntegralNumber()) throw bad(key, "expected a whole number, got " + v);
            return v.asLong();
        }

        List<String> stringList(ObjectNode node, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) return List.of();
            if (!v.isArray()) throw bad(key, "expected a list of column names, got " + v);
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual()) throw bad(key, "expected a column name, got " + e);
                out.add(e.asText());
            }
            return out;
        }

        Market market(JsonNode v) {
            if (v == null || v.isNull()) throw bad("market", "is required (CN, KR, crypto, hkex_northbound, or sessions and timezone)");
            if (v.isTextual()) {
                try {
                    return Market.preset(v.asText());
                } catch (IllegalArgumentException e) {
                    throw bad("market", e.getMessage());
                }
            }
            if (!(v instanceof ObjectNode)) throw bad("market", "expected a preset name or a mapping, got " + v);
            ObjectNode m = (ObjectNode) v;
            onlyKeys(m, "market.", MARKET_KEYS);
            String name = orDefault(string(m, "name", false, "market.name"), "custom");
            String tz = string(m, "timezone", true, "market.timezone");
            ZoneId zone;
            try {
                zone = ZoneId.of(tz);
            } catch (RuntimeException e) {
                throw bad("market.timezone", "'" + tz + "' is not a time zone (e.g. Asia/Shanghai, UTC)");
            }
            JsonNode ss = m.get("sessions");
            if (ss == null || !ss.isArray() || ss.isEmpty()) {
                throw bad("market.sessions", "expected a list of [start, end] pairs such as [\"09:30\", \"11:30\"]");
            }
            List<TradingSession> sessions = new ArrayList<>();
            for (JsonNode s : ss) {
                String start;
                String end;
                if (s.isArray() && s.size() == 2) {
                    start = s.get(0).asText();
                    end = s.get(1).asText();
                } else if (s.isTextual() && s.asText().contains("-")) {
                    String[] p = s.asText().split("-", 2);
                    start = p[0];
                    end = p[1];
                } else {
                    throw bad("market.sessions", "expected [start, end] or \"start-end\", got " + s);
                }
                try {
                    sessions.add(TradingSession.of(start, end));
                } catch (IllegalArgumentException e) {
                    throw bad("market.sessions", e.getMessage());
                }
            }
            try {
                return new Market(name, zone, sessions);
            } catch (IllegalArgumentException e) {
                throw bad("market.sessions", e.getMessage());
            }
        }
    }
}
