package io.vizflow.ui.views;

import io.vizflow.query.Dimension;
import io.vizflow.query.ValueType;
import io.vizflow.ui.data.DatasetSummary;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A URL is input from anywhere: what fits the dataset is kept, the rest is refused with a note. */
class ViewStateTest {
    static final DatasetSummary DS = new DatasetSummary("v1", Path.of("/data"), "now",
            List.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3)), Map.of(), 10,
            List.of(new Dimension("date", ValueType.DATE, null, null),
                    new Dimension("alpha1_bin", ValueType.INTEGER, "alpha1", 1e-4),
                    new Dimension("side", ValueType.TEXT, null, null)),
            List.of("count", "sum_x"), List.of("mean_x"), "count");
    static final Set<String> HEATMAP = Set.of(ViewState.X, ViewState.Y, ViewState.METRIC);

    static ViewState parse(Map<String, List<String>> params, List<String> refused) {
        return ViewState.parse(params, DS, HEATMAP, refused);
    }

    @Test
    void aSharedLinkReadsBackAsTheSameState() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("from", List.of("2024-01-03"));
        p.put("to", List.of("20240103"));
        p.put("f.side", List.of("B", "S"));
        p.put("f.alpha1_bin", List.of("-1"));
        p.put("x", List.of("alpha1_bin"));
        p.put("y", List.of("date"));
        p.put("metric", List.of("mean_x"));
        List<String> refused = new ArrayList<>();
        ViewState s = parse(p, refused);
        assertEquals(List.of(), refused);
        assertEquals(LocalDate.of(2024, 1, 3), s.to);
        assertEquals(Map.of("side", List.of("B", "S"), "alpha1_bin", List.of("-1")), s.filters);
        ViewState again = parse(s.toQueryParameters(HEATMAP).getParameters(), refused);
        assertEquals(s.toQueryParameters(HEATMAP).getQueryString(), again.toQueryParameters(HEATMAP).getQueryString());
        assertEquals(List.of(), refused);
    }

    @Test
    void unknownColumnsAreRefusedAndHostileTextStaysAPlainValue() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("x", List.of("alpha1_bin; DROP TABLE t"));
        p.put("metric", List.of("count) FROM x --"));
        p.put("f.nope", List.of("1"));
        p.put("f.side", List.of("' OR '1'='1", "x".repeat(5000)));
        p.put("f.alpha1_bin", List.of("1 OR 1=1", "2"));
        p.put("from", List.of("yesterday"));
        p.put("evil", List.of("1"));
        List<String> refused = new ArrayList<>();
        ViewState s = parse(p, refused);
        assertNull(s.x);
        assertNull(s.metric);
        assertNull(s.from);
        assertEquals(List.of("' OR '1'='1", "x".repeat(5000)), s.filters.get("side"));
        assertEquals(List.of("2"), s.filters.get("alpha1_bin"));
        assertEquals(6, refused.size(), refused.toString());
        assertTrue(refused.stream().allMatch(r -> r.length() < 300), "notes are short even for long input");
    }
}
