package io.vizflow.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.vizflow.query.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A running service moves to the new version of the dataset when a consolidation rewrites the manifest. */
class RefreshTest {
    @TempDir
    Path dir;

    @Test
    void aNewManifestIsSeenByTheNextQuery() throws Exception {
        QueryServiceTest.trades(dir).write();
        try (QueryService service = QueryService.open(dir)) {
            Query q = Query.builder().groupBy("side").metrics("count").build();
            assertEquals(List.of(List.of("B", 5L), List.of("S", 3L)), service.run(q).rows());
            Thread.sleep(20); // a visibly newer modification time
            QueryServiceTest.trades(dir)
                    .date(LocalDate.of(2024, 1, 5), row("S", 1L, 10L, 0.0, 0.0, 0L, 0.0, 0L, 1.0, 1.0))
                    .write();
            assertEquals(List.of(List.of("B", 5L), List.of("S", 13L)), service.run(q).rows());
            assertEquals(4, service.dataset().dates().size());
        }
    }
}
