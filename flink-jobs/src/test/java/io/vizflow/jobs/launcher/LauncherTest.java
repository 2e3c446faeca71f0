package io.vizflow.jobs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The launcher's default heap: 640 MB per date run at once, half of it young. */
class LauncherTest {

    @Test
    void shouldGiveEachDateRunAtOnceItsOwnHeap() {
        assertEquals(List.of("-Xmx640m", "-Xmn320m"),
                Launcher.defaultHeap(new String[] {"run", "--config", "c.yaml", "--date", "20240102"}));
        assertEquals(List.of("-Xmx2560m", "-Xmn1280m"),
                Launcher.defaultHeap(new String[] {"run-batch", "--config", "c.yaml", "--parallel", "4"}));
        assertEquals(List.of("-Xmx1920m", "-Xmn960m"),
                Launcher.defaultHeap(new String[] {"run-batch", "--parallel=3", "--config", "c.yaml"}));
    }

    @Test
    void shouldIgnoreAParallelismThatIsNotOne() {
        for (String[] args : List.of(new String[] {"run-batch", "--parallel", "zero"}, new String[] {"run-batch", "--parallel"},
                new String[] {"run-batch", "--parallel=0"})) {
            assertEquals(List.of("-Xmx640m", "-Xmn320m"), Launcher.defaultHeap(args));
        }
    }
}
