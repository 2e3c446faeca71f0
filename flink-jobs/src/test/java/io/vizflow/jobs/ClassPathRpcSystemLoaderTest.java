package io.vizflow.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's class path carries Flink's Pekko RPC jar (unpacked from flink-rpc-akka-loader);
 * the test class path does not, which is the case of every other place a VizFlow job runs.
 */
class ClassPathRpcSystemLoaderTest {
    @TempDir
    Path dir;

    @Test
    void withTheRpcJarOnTheClassPathItsPekkoRpcSystemStartsAnRpcService() throws Exception {
        Path jar = dir.resolve("flink-rpc-akka.jar");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("flink-rpc-akka.jar")) {
            assertNotNull(in, "flink-rpc-akka-loader carries flink-rpc-akka.jar");
            Files.copy(in, jar);
        }
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
             RpcSystem rpc = ClassPathRpcSystemLoader.load(classPath)) {
            assertEquals("org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem", rpc.getClass().getName());
            assertEquals(classPath, rpc.getClass().getClassLoader(), "taken from the class path, not a copy of the jar");
            RpcService service = rpc.localServiceBuilder(new Configuration()).createAndStart();
            try {
                assertNotNull(service.getAddress());
            } finally {
                service.closeAsync().get();
            }
        }
    }

    @Test
    void withoutItTheLoaderDeclinesAndFlinksOwnLoaderIsUsed() throws Exception {
        RpcLoaderException e = assertThrows(RpcLoaderException.class,
                () -> new ClassPathRpcSystemLoader().loadRpcSystem(new Configuration()));
        assertTrue(e.getMessage().contains("not on the class path"), e.getMessage());
        try (RpcSystem rpc = RpcSystem.load(new Configuration())) {
            assertEquals("org.apache.flink.runtime.rpc.CleanupOnCloseRpcSystem", rpc.getClass().getName(),
                    "Flink's loader: its jar copied and loaded in a class loader of its own");
        }
    }
}
