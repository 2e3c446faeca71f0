package io.vizflow.jobs.consolidate;


import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.consolidate.MergeRule;
import io.vizflow.consolidate.MergeRules;
import io.vizflow.jobs.consolidate.PartialScan.PartialDate;
import io.vizflow.partial.Folders;
import io.vizflow.partial.PartialSink;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code vizflow consolidate} (CONTRACT section 7): merges the partials of every complete date
 * into the consolidated dataset the UI and {@code vizflow query} read.
 *
 * <pre>
 * {output_dir}/date=YYYYMMDD/*.parquet + _SUCCESS  ──► bounded Flink Table API job (filesystem source,
 *   partitions of the dates to do) ─ GROUP BY date, group_by with each metric's merge rule
 *   ─► {consolidated_dir}/data/YYYYMMDD-RUN.parquet (date, group_by..., metrics...) + manifest.json
 * </pre>
 *
 * Incremental: a date whose partial has the fingerprint the manifest recorded (its files' names,
 * sizes and modification times) is not redone; a new or rerun date is (re)consolidated, a date
 * whose partial is gone is dropped; every date is redone when the columns, their types, merge
 * rules or bin widths change (or with {@code full}). Each date's partial is checked against the
 * config's columns and the other dates' types before anything is written; a failed run changes
 * nothing. The new manifest replaces the old one in one rename; files it no longer names are
 * deleted after that.
 */
public final class ConsolidateJob {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String PARTITION = "part_date";
    private static final String SOURCE_DATE = "date";

    private final VizFlowConfig config;
    private final boolean full;

    public ConsolidateJob(VizFlowConfig config) {
        this(config, false);
    }

    /** @param full redo every date, whatever the manifest says */
    public ConsolidateJob(VizFlowConfig config, boolean full) {
        this.config = config;
        this.full = full;
    }

    /** Brings the consolidated dataset up to date with the partials; throws {@link BadInputException} on bad input. */
    public ConsolidationSummary run() throws Exception {
        long start = System.nanoTime();
        Map<String, MergeRule> rules = mergeRules();
        Path target = config.consolidatedDir().toAbsolutePath().normalize();
        Files.createDirectories(target);
        try (Lock ignored = Lock.take(target)) {
            try (Stream<Path> left = Files.list(target)) { // staging folders of runs that were killed
                for (Path p : left.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList()) {
                    Folders.deleteRecursively(p);
                }
            }
            PartialScan scan = PartialScan.of(config.outputDir());
            if (scan.complete.isEmpty()) {
                throw new BadInputException(scan.outputDir + ": no complete date to consolidate (date=YYYYMMDD/ with "
                        + "_SUCCESS)" + (scan.incomplete.isEmpty() ? "" : "; incomplete: " + scan.incomplete));
            }
            ConsolidatedManifest old = readOld(target);
            Reference ref = reference(scan.complete.get(0), old);
            Map<String, String> types = ref.types();
            ConsolidatedManifest fresh = manifest(scan.outputDir, types, rules);
            boolean rebuild = full || old == null || !old.sameSchema(fresh);

            List<PartialDate> todo = new ArrayList<>();
            List<LocalDate> added = new ArrayList<>();
            List<LocalDate> replaced = new ArrayList<>();
            TreeMap<String, ConsolidatedManifest.DateEntry> dates = new TreeMap<>();
            Set<String> complete = new HashSet<>();
            for (PartialDate p : scan.complete) {
                complete.add(p.ymd());
                ConsolidatedManifest.DateEntry held = old == null ? null : old.dates().get(p.ymd());
                if (!rebuild && held != null && held.fingerprint().equals(p.fingerprint()) && filesExist(target, held)) {
                    dates.put(p.ymd(), held);
                    continue;
                }
                todo.add(p);
                (held == null ? added : replaced).add(p.date());
            }
            List<LocalDate> removed = new ArrayList<>();
            if (old != null) {
                for (String ymd : old.dates().keySet()) {
                    if (!complete.contains(ymd)) removed.add(LocalDate.parse(ymd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
                }
            }
            for (PartialDate p : todo) checkSchema(p, ref);

            int unchanged = dates.size();
            if (!todo.isEmpty()) {
                String run = UUID.randomUUID().toString().substring(0, 8);
                Path staging = target.resolve(".staging-" + run);
                try {
                    runJob(todo, types, rules, staging);
                    dates.putAll(publish(todo, types, staging, target, run));
                } finally {
                    Folders.deleteRecursively(staging);
                }
            }
            ConsolidatedManifest next = fresh.withDates(dates);
            if (!todo.isEmpty() || !removed.isEmpty() || old == null || !sameContent(old, next)) {
                next.write(target);
                deleteUnreferenced(target, next);
            }
            List<LocalDate> held = new ArrayList<>();
            long rows = 0;
            for (Map.Entry<String, ConsolidatedManifest.DateEntry> e : next.dates().entrySet()) {
                held.add(LocalDate.parse(e.getKey(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
                rows += e.getValue().rows();
            }
            return new ConsolidationSummary(target, scan.outputDir, held, added, replaced, removed, unchanged,
                    scan.incomplete, rows, rebuild, (System.nanoTime() - start) / 1e9);
        }
    }

    private Map<String, MergeRule> mergeRules() {
        Map<String, MergeRule> rules;
        try {
            rules = MergeRules.of(config.metrics());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(config.source() + ": " + e.getMessage(), e);
        }
        List<String> columns = new ArrayList<>(config.groupBy());
        columns.addAll(config.metrics().keySet());
        for (String c : columns) {
            if (!NAME.matcher(c).matches()) {
                throw new BadInputException(config.source() + ": '" + c + "' is not a column name (letters, digits, _)");
            }
            if (c.equals(SOURCE_DATE) || c.equals(PARTITION)) {
                throw new BadInputException(config.source() + ": '" + c + "': the consolidated dataset has its own '"
                        + c + "' column; rename this group_by column or metric");
            }
        }
        return rules;
    }

    private static ConsolidatedManifest readOld(Path target) {
        try {
            return ConsolidatedManifest.readIfExists(target);
        } catch (BadInputException damaged) {
            return null; // a damaged manifest: every date is redone
        }
    }

    /** The types every date must have, and where they come from. */
    private record Reference(Map<String, String> types, String source) {}

    /**
     * The dataset's types when it has the config's columns already (a new partial must match what is
     * consolidated), else those of the first complete date.
     */
    private Reference reference(PartialDate first, ConsolidatedManifest old) {
        if (old != null && !full) {
            List<String> held = new ArrayList<>();
            Map<String, String> types = new LinkedHashMap<>();
            old.dimensions().forEach(d -> { held.add(d.name()); types.put(d.name(), d.type()); });
            old.metrics().forEach(m -> { held.add(m.name()); types.put(m.name(), m.type()); });
            List<String> configured = new ArrayList<>(config.groupBy());
            configured.addAll(config.metrics().keySet());
            if (held.equals(configured)) return new Reference(types, "the consolidated dataset");
        }
        Map<String, String> types = PartialSchema.read(first.files().get(0));
        checkColumns(first.files().get(0), types);
        return new Reference(types, first.dir().getFileName().toString());
    }

    private void checkColumns(Path file, Map<String, String> found) {
        Set<String> expected = new TreeSet<>(config.groupBy());
        expected.addAll(config.metrics().keySet());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(found.keySet());
        Set<String> extra = new TreeSet<>(found.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new BadInputException(file + ": its columns are not the config's group_by and metrics ("
                    + config.source() + ")" + (missing.isEmpty() ? "" : ": missing " + missing)
                    + (extra.isEmpty() ? "" : ": not in the config " + extra)
                    + "; a partial of another config? run the date again with this config");
        }
    }

    private void checkSchema(PartialDate p, Reference ref) {
        for (Path f : p.files()) {
            Map<String, String> types = PartialSchema.read(f);
            checkColumns(f, types);
            for (Map.Entry<String, String> e : ref.types().entrySet()) {
                String t = types.get(e.getKey());
                if (!normalised(t).equals(normalised(e.getValue()))) {
                    throw new BadInputException(f + ": column '" + e.getKey() + "' is " + t + ", but " + e.getValue()
                            + " in " + ref.source() + "; partials of different configs? run the odd date again with "
                            + "this config");
                }
            }
        }
    }

    private ConsolidatedManifest manifest(Path partials, Map<String, String> types, Map<String, MergeRule> rules) {
        List<ConsolidatedManifest.Dimension> dims = new ArrayList<>();
        for (String g : config.groupBy()) {
            String of = null;
            Double width = null;
            if (g.endsWith("_bin") && config.binwidths().containsKey(g.substring(0, g.length() - 4))) {
                of = g.substring(0, g.length() - 4);
                width = config.binwidths().get(of);
            }
            dims.add(new ConsolidatedManifest.Dimension(g, normalised(types.get(g)), of, width));
        }
        List<ConsolidatedManifest.Metric> metrics = new ArrayList<>();
        for (Map.Entry<String, String> m : config.metrics().entrySet()) {
            String type = normalised(types.get(m.getKey()));
            if (!type.equals("BIGINT") && !type.equals("DOUBLE")) {
                throw new BadInputException(config.source() + ": metrics." + m.getKey() + " is " + type
                        + " in the partials; a metric that merges is a number");
            }
            metrics.add(new ConsolidatedManifest.Metric(m.getKey(), m.getValue(), rules.get(m.getKey()), type));
        }
        return new ConsolidatedManifest(ConsolidatedManifest.FORMAT, partials.toString(), dims, metrics,
                config.derived(), new TreeMap<>(), null);
    }

    /** The bounded Table API job: the dates' partitions in, merged per (date, group_by), Parquet out per date. */
    private void runJob(List<PartialDate> todo, Map<String, String> types, Map<String, MergeRule> rules, Path staging)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.setString("pipeline.name", "vizflow consolidate " + todo.size() + " dates");
        for (Map.Entry<String, String> e : config.flink().entrySet()) conf.setString(e.getKey(), e.getValue());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);

        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String source = "vizflow_partials_" + tag;
        String sink = "vizflow_consolidated_" + tag;
        Schema.Builder in = Schema.newBuilder();
        for (String g : config.groupBy()) in.column(g, dataType(types.get(g)));
        for (String m : config.metrics().keySet()) in.column(m, dataType(types.get(m)));
        in.column(SOURCE_DATE, DataTypes.STRING());
        tEnv.createTemporaryTable(source, TableDescriptor.forConnector("filesystem")
                .schema(in.build())
                .partitionedBy(SOURCE_DATE)
                .option("path", config.outputDir().toAbsolutePath().normalize().toUri().toString())
                .format("parquet")
                .build());

        List<String> select = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of(quote(SOURCE_DATE)));
        select.add("TO_DATE(" + quote(SOURCE_DATE) + ", 'yyyyMMdd') AS " + quote(SOURCE_DATE));
        for (String g : config.groupBy()) {
            select.add(cast(quote(g), types.get(g)) + " AS " + quote(g));
            keys.add(quote(g));
        }
        for (String m : config.metrics().keySet()) {
            select.add(rules.get(m).function() + "(" + cast(quote(m), types.get(m)) + ") AS " + quote(m));
        }
        select.add(quote(SOURCE_DATE) + " AS " + quote(PARTITION));
        String dateList = todo.stream().map(p -> "'" + p.ymd() + "'").collect(Collectors.joining(", "));
        Table merged = tEnv.sqlQuery("SELECT " + String.join(", ", select) + " FROM " + quote(source)
                + " WHERE " + quote(SOURCE_DATE) + " IN (" + dateList + ") GROUP BY " + String.join(", ", keys));

        tEnv.createTemporaryTable(sink, TableDescriptor.forConnector("filesystem")
                .schema(Schema.newBuilder().fromResolvedSchema(merged.getResolvedSchema()).build())
                .partitionedBy(PARTITION)
                .option("path", staging.toUri().toString())
                .option("sink.shuffle-by-partition.enable", "true")
                .format("parquet")
                .build());
        try {
            merged.executeInsert(sink).await();
        } catch (Exception e) {
            throw new BadInputException(config.outputDir() + ": the consolidation job failed: " + rootMessage(e), e);
        }
    }

    /** Moves each date's output to data/YYYYMMDD-RUN[-i].parquet (an empty file for a date without groups). */
    private Map<String, ConsolidatedManifest.DateEntry> publish(List<PartialDate> todo, Map<String, String> types,
                                                                Path staging, Path target, String run) throws IOException {
        Path data = target.resolve(ConsolidatedManifest.DATA);
        Files.createDirectories(data);
        Map<String, ConsolidatedManifest.DateEntry> out = new LinkedHashMap<>();
        for (PartialDate p : todo) {
            Path dir = staging.resolve(PARTITION + "=" + p.ymd());
            List<Path> written = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
                            .filter(Files::isRegularFile).sorted().forEach(written::add);
                }
            }
            List<String> names = new ArrayList<>();
            long rows = 0;
            if (written.isEmpty()) {
                String name = p.ymd() + "-" + run + ".parquet";
                writeEmpty(data.resolve(name), types);
                names.add(ConsolidatedManifest.DATA + "/" + name);
            }
            for (int i = 0; i < written.size(); i++) {
                String name = p.ymd() + "-" + run + (i == 0 ? "" : "-" + i) + ".parquet";
                rows += PartialSchema.rows(written.get(i));
                Folders.move(written.get(i), data.resolve(name));
                names.add(ConsolidatedManifest.DATA + "/" + name);
            }
            out.put(p.ymd(), new ConsolidatedManifest.DateEntry(p.fingerprint(), names, rows));
        }
        return out;
    }

    private void writeEmpty(Path file, Map<String, String> types) throws IOException {
        List<String> names = new ArrayList<>(List.of(SOURCE_DATE));
        List<DataType> fields = new ArrayList<>(List.of(DataTypes.DATE()));
        for (String g : config.groupBy()) {
            names.add(g);
            fields.add(dataType(normalised(types.get(g))));
        }
        for (String m : config.metrics().keySet()) {
            names.add(m);
            fields.add(dataType(normalised(types.get(m))));
        }
        DataType row = DataTypes.ROW(java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> DataTypes.FIELD(names.get(i), fields.get(i))).toArray(DataTypes.Field[]::new));
        ParquetWriterFactory<RowData> factory = PartialSink.parquetWriters((RowType) row.getLogicalType());
        org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out = p.getFileSystem().create(p, FileSystem.WriteMode.NO_OVERWRITE)) {
            factory.create(out).finish();
        }
    }

    private static boolean filesExist(Path target, ConsolidatedManifest.DateEntry e) {
        for (String f : e.files()) {
            if (!Files.isRegularFile(target.resolve(f))) return false;
        }
        return !e.files().isEmpty();
    }

    private static boolean sameContent(ConsolidatedManifest a, ConsolidatedManifest b) {
        return a.sameSchema(b) && a.derived().equals(b.derived()) && a.dates().equals(b.dates())
                && java.util.Objects.equals(a.partials(), b.partials());
    }

    /** Deletes the Parquet files of data/ that the manifest does not name (replaced, removed, or left by a failed run). */
    private static void deleteUnreferenced(Path target, ConsolidatedManifest m) throws IOException {
        Set<Path> keep = new HashSet<>();
        for (ConsolidatedManifest.DateEntry e : m.dates().values()) {
            for (String f : e.files()) keep.add(target.resolve(f).normalize());
        }
        Path data = target.resolve(ConsolidatedManifest.DATA);
        if (!Files.isDirectory(data)) return;
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".parquet") && !keep.contains(f.normalize())) Files.deleteIfExists(f);
            }
        }
    }

    /** The Flink type of a partial column type. */
    private static DataType dataType(String type) {
        switch (type) {
            case "BIGINT": return DataTypes.BIGINT();
            case "INT": return DataTypes.INT();
            case "DOUBLE": return DataTypes.DOUBLE();
            case "FLOAT": return DataTypes.FLOAT();
            case "BOOLEAN": return DataTypes.BOOLEAN();
            case "VARCHAR": return DataTypes.STRING();
            default: throw new IllegalArgumentException("unexpected partial type " + type);
        }
    }

    /** The dataset's types: whole numbers as BIGINT, reals as DOUBLE. */
    private static String normalised(String type) {
        switch (type) {
            case "INT": return "BIGINT";
            case "FLOAT": return "DOUBLE";
            default: return type;
        }
    }

    private static String cast(String column, String type) {
        String n = normalised(type);
        return n.equals(type) ? column : "CAST(" + column + " AS " + n + ")";
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }



    private static String rootMessage(Throwable t) {
        Throwable c = t;
        String msg = t.getMessage();
        while (c.getCause() != null) {
            c = c.getCause();
            if (c.getMessage() != null) msg = c.getMessage();
        }
        return msg == null ? t.toString() : msg.lines().findFirst().orElse(msg);
    }

    /** One consolidation at a time per dataset: an OS lock on {consolidated_dir}/.lock. */
    private static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static Lock take(Path target) throws IOException {
            FileChannel ch = FileChannel.open(target.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new BadInputException(target + ": another `vizflow consolidate` is writing this dataset; try again when it is done");
            }
            return new Lock(ch, l);
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
