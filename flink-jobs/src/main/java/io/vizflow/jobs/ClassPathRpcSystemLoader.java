package io.vizflow.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

import java.util.ServiceLoader;

/**
 * Flink's Pekko RPC system taken from the class path, when the launcher put it there
 * ({@code flink-jobs/target/lib/flink-rpc-akka.jar}, unpacked from {@code flink-rpc-akka-loader}
 * at build time). Flink's own loader copies that 21 MB jar to a temporary file at every start of
 * a cluster and loads it in a class loader of its own, out of reach of the JVM's class-data
 * archive: ~0.1 s of copying and the loading of Pekko's classes on the path of every embedded
 * run's start (the planner's jar is put on the class path for the same reason).
 *
 * <p>Tried before Flink's loader ({@link #getLoadPriority()}); where the jar is not on the class
 * path (tests, a real cluster's client) it declines, and Flink's loader does as always.
 */
public final class ClassPathRpcSystemLoader implements RpcSystemLoader {
    private static final String PEKKO_RPC_SYSTEM = "org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem";

    @Override
    public int getLoadPriority() {
        return -1; // Flink's PekkoRpcSystemLoader is 0; the smallest is tried first
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        return load(ClassPathRpcSystemLoader.class.getClassLoader());
    }

    /** The Pekko RPC system of {@code loader}'s class path; refused if it has none. */
    static RpcSystem load(ClassLoader loader) {
        if (loader.getResource(PEKKO_RPC_SYSTEM.replace('.', '/') + ".class") == null) {
            throw new RpcLoaderException("Pekko RPC is not on the class path; Flink's loader takes it from its jar");
        }
        for (RpcSystem s : ServiceLoader.load(RpcSystem.class, loader)) {
            if (s.getClass().getName().equals(PEKKO_RPC_SYSTEM)) {
                return s;
            }
        }
        throw new RpcLoaderException("no " + PEKKO_RPC_SYSTEM + " among the class path's RPC systems");
    }
}
