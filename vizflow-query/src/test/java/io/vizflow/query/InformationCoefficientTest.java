package io.vizflow.query;

import io.vizflow.consolidate.MergeRule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static io.vizflow.query.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An information coefficient (the Pearson correlation of a signal and the forward return) derived
 * from sums that merge exactly, over pairs split across two dates:
 * (a, r) = (1, 2), (2, 1), (3, 4) on the first date and (4, 3), (5, 6) on the second.
 * By hand: mean a 3, mean r 3.2; cov sum 10, var sums 10 and 14.8; IC = 10 / sqrt(148).
 */
class InformationCoefficientTest {
    @TempDir
    Path dir;

    @Test
    void icFromMergedSumsEqualsTheCorrelationOfAllPairs() {
        Fixture.in(dir)
                .bin("elapsed_seconds_bin", "elapsed_seconds", 1800)
                .metric("n_ar", "COUNT(alpha1 * return_60)", MergeRule.SUM, "BIGINT")
                .metric("sum_a", "SUM(CASE WHEN return_60 IS NOT NULL THEN alpha1 END)", MergeRule.SUM, "DOUBLE")
                .metric("sum_r", "SUM(CASE WHEN alpha1 IS NOT NULL THEN return_60 END)", MergeRule.SUM, "DOUBLE")
                .metric("sum_ar", "SUM(alpha1 * return_60)", MergeRule.SUM, "DOUBLE")
                .metric("sum_aa", "SUM(CASE WHEN return_60 IS NOT NULL THEN alpha1 * alpha1 END)", MergeRule.SUM, "DOUBLE")
                .metric("sum_rr", "SUM(CASE WHEN alpha1 IS NOT NULL THEN return_60 * return_60 END)", MergeRule.SUM, "DOUBLE")
                .derived("ic", "(n_ar * sum_ar - sum_a * sum_r) / SQRT((n_ar * sum_aa - sum_a * sum_a) * (n_ar * sum_rr - sum_r * sum_r))")
                // a = 1, 2, 3; r = 2, 1, 4: sums 6, 7, ar 2 + 2 + 12 = 16, aa 14, rr 21
                .date(LocalDate.of(2024, 1, 2), row(0L, 3L, 6.0, 7.0, 16.0, 14.0, 21.0), row(1L, 0L, 0.0, 0.0, 0.0, 0.0, 0.0))
                // a = 4, 5; r = 3, 6: sums 9, 9, ar 12 + 30 = 42, aa 41, rr 45
                .date(LocalDate.of(2024, 1, 3), row(0L, 2L, 9.0, 9.0, 42.0, 41.0, 45.0))
                .write();
        try (QueryService service = QueryService.open(dir)) {
            QueryResult r = service.run(Query.builder().groupBy("elapsed_seconds_bin").metrics("ic", "n_ar").build());
            assertEquals(10 / Math.sqrt(148), (Double) r.get(0, "ic"), 1e-12);
            assertEquals(0.0, r.get(0, "elapsed_seconds"));
            assertEquals(1800.0, r.get(1, "elapsed_seconds"));
            assertNull(r.get(1, "ic"), "no pair: 0 / 0 is null");
            QueryResult first = service.run(Query.builder().dates(java.util.List.of(LocalDate.of(2024, 1, 2)))
                    .where("elapsed_seconds_bin", 0L).metrics("ic").build());
            // first date alone: n 3, cov sum 16 - 6 * 7 / 3 = 2, var sums 14 - 12 = 2, 21 - 49 / 3 = 14 / 3
            assertEquals(2 / Math.sqrt(2 * 14.0 / 3), (Double) first.get(0, "ic"), 1e-12);
        }
    }
}
