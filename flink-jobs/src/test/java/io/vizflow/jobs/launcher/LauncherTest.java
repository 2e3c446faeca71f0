package io.vizflow.jobs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The launcher's defaults: 640 MB of heap per date run at once, half of it young, touched at start; malloc's settings. */
class LauncherTest {

    @Test
    void shouldGiveEachDateRunAtOnceItsOwnHeap() {
        assertEquals(List.of("-Xmx640m", "-Xms640m", "-Xmn320m", "-XX:+AlwaysPreTouch"),
                Launcher.defaultHeap(new String[] {"run", "--config", "c.yaml", "--date", "20240102"}));
        assertEquals(List.of("-Xmx2560m", "-Xms2560m", "-Xmn1280m", "-XX:+AlwaysPreTouch"),
                Launcher.defaultHeap(new String[] {"run-batch", "--config", "c.yaml", "--parallel", "4"}));
        assertEquals(List.of("-Xmx1920m", "-Xms1920m", "-Xmn960m", "-XX:+AlwaysPreTouch"),
                Launcher.defaultHeap(new String[] {"run-batch", "--parallel=3", "--config", "c.yaml"}));
    }

    @Test
    void shouldTouchTheHeapFirstOnlyForTheCommandsThatRunADaysJob() {
        assertEquals(List.of("-Xmx640m", "-Xms640m", "-Xmn320m", "-XX:+AlwaysPreTouch"),
                Launcher.defaultHeap(new String[] {"bench", "--config", "c.yaml", "--date", "20240102"}));
        for (String command : List.of("query", "consolidate", "ui", "calendar", "cluster")) {
            assertEquals(List.of("-Xmx640m", "-Xmn320m"), Launcher.defaultHeap(new String[] {command, "--config", "c.yaml"}));
        }
        assertEquals(List.of("-Xmx640m", "-Xmn320m"), Launcher.defaultHeap(new String[0]));
    }

    @Test
    void shouldIgnoreAParallelismThatIsNotOne() {
        for (String[] args : List.of(new String[] {"run-batch", "--parallel", "zero"}, new String[] {"run-batch", "--parallel"},
                new String[] {"run-batch", "--parallel=0"})) {
            assertEquals(List.of("-Xmx640m", "-Xms640m", "-Xmn320m", "-XX:+AlwaysPreTouch"), Launcher.defaultHeap(args));
        }
    }

    @Test
    void shouldKeepMallocsLargeBlocksOnlyForTheCommandsThatRunADaysJobUnlessTheCallerSaysOtherwise() {
        Map<String, String> all = Map.of("MALLOC_MMAP_THRESHOLD_", "268435456",
                "MALLOC_TRIM_THRESHOLD_", "1073741824", "MALLOC_TOP_PAD_", "268435456", "MALLOC_ARENA_MAX", "2");
        for (String command : List.of("run", "run-batch", "bench")) {
            assertEquals(all, Launcher.mallocSettings(new String[] {command, "--config", "c.yaml"}, Map.of()));
        }
        for (String command : List.of("query", "consolidate", "ui")) {
            assertEquals(Map.of(), Launcher.mallocSettings(new String[] {command, "--config", "c.yaml"}, Map.of()));
        }
        assertEquals(Map.of(), Launcher.mallocSettings(new String[0], Map.of()));
        assertEquals(Map.of("MALLOC_MMAP_THRESHOLD_", "268435456", "MALLOC_TOP_PAD_", "268435456", "MALLOC_ARENA_MAX", "2"),
                Launcher.mallocSettings(new String[] {"run"}, Map.of("MALLOC_TRIM_THRESHOLD_", "0")));
    }

    @Test
    void shouldLimitDirectMemoryAsFlinkDoesATaskManagersForEachDateRunAtOnce() {
        // a long run-batch frees each date's network buffers before the next date's cluster takes its own
        assertEquals(List.of("-XX:MaxDirectMemorySize=256m"),
                Launcher.directMemory(new String[] {"run", "--config", "c.yaml", "--date", "20240102"}));
        assertEquals(List.of("-XX:MaxDirectMemorySize=256m"), Launcher.directMemory(new String[] {"bench", "--repeat", "3"}));
        assertEquals(List.of("-XX:MaxDirectMemorySize=1024m"),
                Launcher.directMemory(new String[] {"run-batch", "--config", "c.yaml", "--parallel", "4"}));
        for (String command : List.of("query", "consolidate", "ui", "calendar", "cluster")) {
            assertEquals(List.of(), Launcher.directMemory(new String[] {command, "--config", "c.yaml"}));
        }
    }

    @Test
    void shouldMapTheClassDataArchiveOnlyWhereItIsThisBuilds(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("vizflow-jobs.jar"), "jar");
        Path archive = dir.resolve("vizflow-cds.jsa");
        assertEquals(List.of(), Launcher.classDataArchive(archive, jar, null), "no archive");

        Files.writeString(archive, "jsa");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                Launcher.classDataArchive(archive, jar, null));
        assertEquals(List.of(), Launcher.classDataArchive(archive, jar, "0"), "VIZFLOW_CDS=0");

        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 1000));
        assertEquals(List.of(), Launcher.classDataArchive(archive, jar, null), "an archive of an older build");
    }
}
