package io.vizflow.ui.data;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.market.Market;
import io.vizflow.query.Dataset;
import io.vizflow.query.Query;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The consolidated dataset of the config ({@code vizflow.config}), through vizflow-query's
 * {@link QueryService}: the only class of the UI that touches storage. The service is opened when
 * the dataset first exists (a UI may be started before the first {@code vizflow consolidate}) and
 * follows every new version of it.
 */
@Repository
public class DatasetRepository {
    private final Path configFile;
    private final Path directory;
    private final Market market;
    private QueryService service;

    public DatasetRepository(@Value("${vizflow.config}") String config) {
        this.configFile = Path.of(config).toAbsolutePath().normalize();
        VizFlowConfig c = VizFlowConfig.load(configFile);
        this.directory = c.consolidatedDir().toAbsolutePath().normalize();
        this.market = c.market();
    }

    /** The config file the UI was started with. */
    public Path configFile() {
        return configFile;
    }

    /** Where the consolidated dataset is (or will be). */
    public Path directory() {
        return directory;
    }

    /** The config's market (its sessions turn trading seconds into times of day). */
    public Market market() {
        return market;
    }

    /**
     * The dataset's current version.
     *
     * @throws NoDatasetException when nothing was consolidated there yet
     * @throws io.vizflow.query.QueryException when the dataset is damaged
     */
    public Dataset dataset() {
        return service().dataset();
    }

    /** Answers a query over the dataset's current version. */
    public QueryResult run(Query query) {
        return service().run(query);
    }

    private synchronized QueryService service() {
        if (!Files.isRegularFile(directory.resolve(ConsolidatedManifest.FILE))) {
            throw new NoDatasetException(directory, "No consolidated dataset in " + directory + " yet. Build it with: "
                    + "vizflow consolidate --config " + configFile);
        }
        if (service == null) service = QueryService.open(directory);
        return service;
    }

    @PreDestroy
    public synchronized void close() {
        if (service != null) service.close();
        service = null;
    }
}
