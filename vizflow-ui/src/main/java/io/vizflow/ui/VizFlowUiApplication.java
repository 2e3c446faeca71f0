package io.vizflow.ui;

import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.nio.file.Path;

/**
 * The exploration web app over the consolidated dataset of a config (CONTRACT section 7,
 * {@code vizflow ui}). Started as
 * {@code java -jar vizflow-ui.jar --vizflow.config=FILE [--server.port=8080] [--server.address=127.0.0.1]}.
 *
 * <p>Layers as in Vaadin's tutorial apps: {@code views} (screens and components) ask
 * {@code services} ({@link io.vizflow.ui.services.ExplorationService}), which ask {@code data}
 * ({@link io.vizflow.ui.data.DatasetRepository}, the only class that touches the dataset).
 */
@SpringBootApplication
public class VizFlowUiApplication {

    public static void main(String[] args) {
        String config = configArgument(args);
        if (config == null) {
            System.err.println("vizflow ui: give the config: java -jar vizflow-ui.jar --vizflow.config=FILE "
                    + "[--server.port=8080] [--server.address=127.0.0.1]");
            System.exit(2);
        }
        try {
            VizFlowConfig.load(Path.of(config)); // a bad config is one clear line, not a failed Spring context
        } catch (BadInputException e) {
            System.err.println("vizflow ui: error: " + e.getMessage());
            System.exit(1);
        }
        SpringApplication.run(VizFlowUiApplication.class, args);
    }

    private static String configArgument(String[] args) {
        for (String a : args) {
            if (a.startsWith("--vizflow.config=")) return a.substring("--vizflow.config=".length());
        }
        String p = System.getProperty("vizflow.config");
        return p != null ? p : System.getenv("VIZFLOW_CONFIG");
    }
}
