package io.vizflow.jobs.cluster;

import io.vizflow.BadInputException;
import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Flink Kubernetes operator manifests ({@code flink.apache.org/v1beta1}) that run a config's
 * per-date job, from the image of {@code k8s/Dockerfile} (the official Flink image plus the job
 * jar in {@code /opt/flink/usrlib}):
 *
 * <pre>
 * DIR/configmap.yaml              ConfigMap NAME-config: config.yaml (+ calendar.csv), mounted at /opt/vizflow/config
 * DIR/application/YYYYMMDD.yaml   FlinkDeployment NAME-YYYYMMDD: an application cluster per date (job.jarURI local://)
 * DIR/session/flink-session.yaml  FlinkDeployment NAME-session: a session cluster
 * DIR/session/YYYYMMDD.yaml       FlinkSessionJob NAME-YYYYMMDD per date (needs a jar URI the operator can download)
 * </pre>
 *
 * Every pod mounts the ConfigMap and the data volume (a PersistentVolumeClaim holding the input
 * and output folders the config names), and every job runs {@code vizflow run --config
 * /opt/vizflow/config/config.yaml --date YYYYMMDD}.
 */
public final class KubernetesManifests {
    public static final String API_VERSION = "flink.apache.org/v1beta1";
    /** Flink 2.2 in the operator's FlinkVersion (operator 1.15.0 lists it; the 1.10 API stops at v1_20). */
    public static final String FLINK_VERSION = "v2_2";
    public static final String DEFAULT_IMAGE = "vizflow-jobs:0.1.0";
    public static final String DEFAULT_JAR = "local:///opt/flink/usrlib/vizflow-jobs.jar";
    public static final String CONFIG_DIR = "/opt/vizflow/config";
    public static final String CONFIG_FILE = CONFIG_DIR + "/config.yaml";
    public static final String CALENDAR_FILE = CONFIG_DIR + "/calendar.csv";
    /** The container the operator merges pod templates into. */
    static final String MAIN_CONTAINER = "flink-main-container";
    /** The uid and gid of user flink in the official image. */
    static final int FLINK_USER = 9999;
    /** What Flink and Arrow need to reach on Java 17 (as bin/vizflow); the image's defaults may hold some already. */
    static final String JAVA_OPENS = Stream.of("java.util", "java.lang", "java.lang.reflect", "java.net", "java.io",
                    "java.nio", "sun.nio.ch", "java.util.concurrent", "java.text", "java.time")
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
            .collect(Collectors.joining(" "));
    /** Flink's cluster-id (the FlinkDeployment's name) is at most 45 characters. */
    private static final int MAX_CLUSTER_ID = 45;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final VizFlowConfig config;
    private final String configYaml;
    private final String calendarCsv;

    private String name;
    private String namespace;
    private String image = DEFAULT_IMAGE;
    private String jarUri = DEFAULT_JAR;
    private String sessionJarUri;
    private int parallelism = 2;
    private int slots = 2;
    private String serviceAccount = "flink";
    private String jobManagerMemory = "1024m";
    private double jobManagerCpu = 1;
    private String taskManagerMemory = "2048m";
    private double taskManagerCpu = 1;
    private String dataClaim = "vizflow-data";
    private String dataMount = "/data";

    private KubernetesManifests(VizFlowConfig config, String configYaml, String calendarCsv, String name) {
        this.config = config;
        this.configYaml = configYaml;
        this.calendarCsv = calendarCsv;
        this.name = name;
    }

    /**
     * Manifests for a config file. Its text goes into the ConfigMap unchanged, except that a
     * {@code calendar} file is put into the ConfigMap too and the key points at its mounted copy.
     */
    public static KubernetesManifests forConfig(Path file) {
        VizFlowConfig config = VizFlowConfig.load(file);
        String text = read(file);
        String calendar = null;
        if (config.calendar() != null) {
            calendar = read(config.calendar());
            TradingCalendar.load(config.calendar());
            text = withKey(text, "calendar", CALENDAR_FILE, file);
        }
        return new KubernetesManifests(config, text, calendar, defaultName(file));
    }

    /** "vizflow-" and the config file's name as a DNS label: {@code posttrade.yaml} gives {@code vizflow-posttrade}. */
    static String defaultName(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").toLowerCase(Locale.ROOT);
        stem = stem.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return stem.isEmpty() ? "vizflow" : "vizflow-" + stem;
    }

    public KubernetesManifests name(String v) { name = v; return this; }
    public KubernetesManifests namespace(String v) { namespace = v; return this; }
    public KubernetesManifests image(String v) { image = v; return this; }
    public KubernetesManifests jarUri(String v) { jarUri = v; return this; }
    /** The jar URI of the FlinkSessionJobs (http(s)://, s3://, ...: the operator downloads it); null: the job jar URI if downloadable. */
    public KubernetesManifests sessionJarUri(String v) { sessionJarUri = v; return this; }
    public KubernetesManifests parallelism(int v) { parallelism = v; return this; }
    public KubernetesManifests slots(int v) { slots = v; return this; }
    public KubernetesManifests serviceAccount(String v) { serviceAccount = v; return this; }
    public KubernetesManifests jobManagerResource(String memory, double cpu) { jobManagerMemory = memory; jobManagerCpu = cpu; return this; }
    public KubernetesManifests taskManagerResource(String memory, double cpu) { taskManagerMemory = memory; taskManagerCpu = cpu; return this; }
    /** The PersistentVolumeClaim with the input and output folders, and where pods mount it; a null claim: no data volume. */
    public KubernetesManifests dataVolume(String claim, String mountPath) { dataClaim = claim; dataMount = mountPath; return this; }

    public String name() { return name; }
    public String configMapName() { return name + "-config"; }
    public String sessionClusterName() { return name + "-session"; }
    public String jobName(LocalDate date) { return name + "-" + TradingCalendar.format(date); }

    /** The arguments of the job jar's main class for a date. */
    public List<String> jobArgs(LocalDate date) {
        return List.of("run", "--config", CONFIG_FILE, "--date", TradingCalendar.format(date));
    }

    /** The URI FlinkSessionJobs use, or null when there is none the operator could download. */
    public String sessionJar() {
        if (sessionJarUri != null) return sessionJarUri;
        return jarUri.startsWith("local:") ? null : jarUri;
    }

    /** What a reader of the config should know before applying the manifests. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        checkPath(w, "input_dir", config.inputDir());
        checkPath(w, "output_dir", config.outputDir());
        if (sessionJar() == null) {
            w.add("session/: no FlinkSessionJob written: the operator downloads a session job's jar itself, and "
                    + jarUri + " is only inside the image; pass --session-jar https://... (or s3://..., with the"
                    + " operator's filesystem plugin) to write them");
        }
        return w;
    }

    private void checkPath(List<String> w, String key, Path p) {
        if (!p.isAbsolute()) {
            w.add(key + ": " + p + " is relative; in the pods it resolves against /opt/flink: use an absolute path"
                    + (dataClaim != null ? " under " + dataMount : ""));
        } else if (dataClaim != null && !p.startsWith(dataMount)) {
            w.add(key + ": " + p + " is not under the data volume " + dataMount + " (claim " + dataClaim + ")");
        }
    }

    public Map<String, Object> configMap() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("config.yaml", configYaml);
        if (calendarCsv != null) data.put("calendar.csv", calendarCsv);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "v1");
        m.put("kind", "ConfigMap");
        m.put("metadata", metadata(configMapName(), null));
        m.put("data", data);
        return m;
    }

    /** A session cluster: JobManager and TaskManagers, no job. */
    public Map<String, Object> sessionCluster() {
        return resource("FlinkDeployment", sessionClusterName(), null, clusterSpec());
    }

    /** One date as a job of the session cluster. */
    public Map<String, Object> sessionJob(LocalDate date) {
        String jar = sessionJar();
        if (jar == null) throw new BadInputException("FlinkSessionJob: no jar URI the operator can download; pass --session-jar");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("deploymentName", sessionClusterName());
        spec.put("job", job(jar, date));
        return resource("FlinkSessionJob", jobName(date), date, spec);
    }

    /** One date as its own application cluster (application mode: the job's main runs in the JobManager). */
    public Map<String, Object> application(LocalDate date) {
        Map<String, Object> spec = clusterSpec();
        spec.put("job", job(jarUri, date));
        return resource("FlinkDeployment", jobName(date), date, spec);
    }

    /** Writes the manifests of the dates into dir; returns the files written. */
    public List<Path> write(Path dir, List<LocalDate> dates) {
        checkNames(dates);
        List<Path> files = new ArrayList<>();
        String how = "# Generated by `vizflow cluster --k8s` from " + config.source() + "; see k8s/README.md.\n";
        files.add(writeFile(dir.resolve("configmap.yaml"), how, configMap()));
        for (LocalDate d : dates) {
            files.add(writeFile(dir.resolve("application").resolve(TradingCalendar.format(d) + ".yaml"), how, application(d)));
        }
        files.add(writeFile(dir.resolve("session").resolve("flink-session.yaml"), how, sessionCluster()));
        if (sessionJar() != null) {
            for (LocalDate d : dates) {
                files.add(writeFile(dir.resolve("session").resolve(TradingCalendar.format(d) + ".yaml"), how, sessionJob(d)));
            }
        }
        return files;
    }

    private void checkNames(List<LocalDate> dates) {
        for (String n : List.of(sessionClusterName(), dates.isEmpty() ? name : jobName(dates.get(0)))) {
            if (!DNS_LABEL.matcher(n).matches() || n.length() > MAX_CLUSTER_ID) {
                throw new BadInputException("--name: " + n + " is not a valid Flink cluster id (lowercase letters, digits"
                        + " and '-', at most " + MAX_CLUSTER_ID + " characters)");
            }
        }
        if (parallelism < 1) throw new BadInputException("--parallelism: expected a positive number, got " + parallelism);
        if (slots < 1) throw new BadInputException("--slots: expected a positive number, got " + slots);
    }

    private Map<String, Object> clusterSpec() {
        Map<String, Object> flinkConf = new LinkedHashMap<>();
        flinkConf.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        flinkConf.put("env.java.opts.all", JAVA_OPENS);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("image", image);
        spec.put("imagePullPolicy", "IfNotPresent");
        spec.put("flinkVersion", FLINK_VERSION);
        spec.put("serviceAccount", serviceAccount);
        spec.put("flinkConfiguration", flinkConf);
        spec.put("podTemplate", podTemplate());
        spec.put("jobManager", Map.of("resource", resource(jobManagerMemory, jobManagerCpu)));
        spec.put("taskManager", Map.of("resource", resource(taskManagerMemory, taskManagerCpu)));
        return spec;
    }

    private Map<String, Object> job(String jar, LocalDate date) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("jarURI", jar);
        job.put("entryClass", FlinkCliSubmission.ENTRY_CLASS);
        job.put("args", jobArgs(date));
        job.put("parallelism", parallelism);
        job.put("upgradeMode", "stateless");
        return job;
    }

    private Map<String, Object> podTemplate() {
        List<Object> mounts = new ArrayList<>();
        List<Object> volumes = new ArrayList<>();
        mounts.add(map("name", "vizflow-config", "mountPath", CONFIG_DIR, "readOnly", true));
        volumes.add(map("name", "vizflow-config", "configMap", map("name", configMapName())));
        if (dataClaim != null) {
            mounts.add(map("name", "vizflow-data", "mountPath", dataMount));
            volumes.add(map("name", "vizflow-data", "persistentVolumeClaim", map("claimName", dataClaim)));
        }
        Map<String, Object> container = map("name", MAIN_CONTAINER, "volumeMounts", mounts);
        // the official image runs as user flink (9999): let it write to the data volume
        return map("spec", map("securityContext", map("fsGroup", FLINK_USER), "containers", List.of(container), "volumes", volumes));
    }

    private static Map<String, Object> resource(String memory, double cpu) {
        return map("memory", memory, "cpu", cpu);
    }

    private Map<String, Object> resource(String kind, String resourceName, LocalDate date, Map<String, Object> spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", API_VERSION);
        m.put("kind", kind);
        m.put("metadata", metadata(resourceName, date));
        m.put("spec", spec);
        return m;
    }

    private Map<String, Object> metadata(String resourceName, LocalDate date) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/part-of", "vizflow");
        labels.put("vizflow/pipeline", name);
        if (date != null) labels.put("vizflow/date", TradingCalendar.format(date));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", resourceName);
        if (namespace != null) meta.put("namespace", namespace);
        meta.put("labels", labels);
        return meta;
    }

    /** A map of key, value pairs, in order. */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Kubernetes-style YAML: block style, strings unquoted unless YAML would read them as something else. */
    public static String toYaml(Object manifest) {
        YAMLFactory yaml = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        try {
            return new ObjectMapper(yaml).writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeFile(Path file, String header, Object manifest) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, header + toYaml(manifest));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The config text with one top-level key set (the text is re-written as YAML, without its comments). */
    private static String withKey(String yaml, String key, String value, Path source) {
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            ObjectNode tree = (ObjectNode) mapper.readTree(yaml);
            tree.put(key, value);
            return toYaml(tree);
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
