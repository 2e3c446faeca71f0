package io.vizflow.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The structural (OpenAPI v3) schema of one of the Flink Kubernetes operator's CRDs, as shipped
 * in {@code META-INF/fabric8/} of {@code flink-kubernetes-operator-api}, and what the API server
 * would refuse in a manifest: wrong types, values outside an enum, missing required fields, and
 * unknown fields (which {@code kubectl apply} rejects with its default strict field validation).
 */
final class CrdSchema {
    private static final java.util.Set<String> ROOT_FIELDS = java.util.Set.of("apiVersion", "kind", "metadata");

    private final String crd;
    private final JsonNode schema;

    private CrdSchema(String crd, JsonNode schema) {
        this.crd = crd;
        this.schema = schema;
    }

    /** The schema of a served version (e.g. v1beta1) in a CRD file of apiextensions.k8s.io/v1, e.g. {@code flinkdeployments.flink.apache.org-v1.yml}. */
    static CrdSchema load(String resource, String version) {
        try (InputStream in = CrdSchema.class.getResourceAsStream("/META-INF/fabric8/" + resource)) {
            if (in == null) throw new IllegalStateException("no CRD " + resource + " on the classpath");
            JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(in);
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals(version)) {
                    return new CrdSchema(resource, v.path("schema").path("openAPIV3Schema").deepCopy());
                }
            }
            throw new IllegalStateException(resource + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The enum values a field (dotted path under the root, e.g. {@code spec.flinkVersion}) allows. */
    List<String> enumOf(String path) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : at(path).path("enum")) values.add(v.asText());
        return values;
    }

    /** Adds a value to a field's enum (for a newer operator's CRD that lists it). */
    CrdSchema allowing(String path, String value) {
        ((ArrayNode) at(path).path("enum")).add(value);
        return this;
    }

    private JsonNode at(String path) {
        JsonNode s = schema;
        for (String part : path.split("\\.")) s = s.path("properties").path(part);
        if (s.isMissingNode()) throw new IllegalArgumentException(crd + ": no field " + path);
        return s;
    }

    /** Everything wrong with the manifest, one line each; empty if the API server would take it. */
    List<String> violations(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        check(manifest, schema, "", out);
        return out;
    }

    private static void check(JsonNode v, JsonNode s, String path, List<String> out) {
        if (s.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!v.isIntegralNumber() && !v.isTextual()) out.add(path + ": expected an integer or a string, got " + v);
            return;
        }
        if (v == null || v.isNull()) {
            if (!s.path("nullable").asBoolean()) out.add(path + ": null is not allowed");
            return;
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> checkObject(v, s, path, out);
            case "array" -> {
                if (!v.isArray()) {
                    out.add(path + ": expected a list, got " + v);
                } else if (s.has("items")) {
                    for (int i = 0; i < v.size(); i++) check(v.get(i), s.get("items"), path + "[" + i + "]", out);
                }
            }
            case "string" -> {
                if (!v.isTextual()) out.add(path + ": expected a string, got " + v);
                else checkEnum(v, s, path, out);
            }
            case "integer" -> {
                if (!v.isIntegralNumber()) out.add(path + ": expected an integer, got " + v);
            }
            case "number" -> {
                if (!v.isNumber()) out.add(path + ": expected a number, got " + v);
            }
            case "boolean" -> {
                if (!v.isBoolean()) out.add(path + ": expected true or false, got " + v);
            }
            default -> {
                // no type: x-kubernetes-preserve-unknown-fields or an unconstrained value
            }
        }
    }

    private static void checkObject(JsonNode v, JsonNode s, String path, List<String> out) {
        if (!v.isObject()) {
            out.add(path + ": expected a mapping, got " + v);
            return;
        }
        for (JsonNode r : s.path("required")) {
            if (!v.has(r.asText())) out.add(path + "." + r.asText() + ": required");
        }
        JsonNode props = s.get("properties");
        JsonNode additional = s.get("additionalProperties");
        boolean open = s.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                || (props == null && additional == null)            // e.g. metadata: the API server's own schema
                || (additional != null && additional.isBoolean() && additional.asBoolean());
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (path.isEmpty() && ROOT_FIELDS.contains(f.getKey())) {
                continue; // the API server's own, not in a CRD's schema
            }
            if (props != null && props.has(f.getKey())) {
                check(f.getValue(), props.get(f.getKey()), p, out);
            } else if (additional != null && additional.isObject()) {
                check(f.getValue(), additional, p, out);
            } else if (!open) {
                out.add(p + ": unknown field");
            }
        }
    }

    private static void checkEnum(JsonNode v, JsonNode s, String path, List<String> out) {
        if (!s.has("enum")) return;
        for (JsonNode e : s.get("enum")) {
            if (e.asText().equals(v.asText())) return;
        }
        out.add(path + ": " + v.asText() + " is not one of " + s.get("enum"));
    }
}
