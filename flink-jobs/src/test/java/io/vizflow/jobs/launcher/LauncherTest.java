package io.vizflow.jobs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The launcher's default heap: 640 MB per date run at once. */
class LauncherTest {

    @Test
    void shouldGiveEachDateRunAtOnceItsOwnHeap() {
        assertEquals("640m", Launcher.defaultHeap(new String[] {"run", "--config", "c.yaml", "--date", "20240102"}));
        assertEquals("2560m", Launcher.defaultHeap(new String[] {"run-batch", "--config", "c.yaml", "--parallel", "4"}));
        assertEquals("1920m", Launcher.defaultHeap(new String[] {"run-batch", "--parallel=3", "--config", "c.yaml"}));
    }

    @Test
    void shouldIgnoreAParallelismThatIsNotOne() {
        assertEquals("640m", Launcher.defaultHeap(new String[] {"run-batch", "--parallel", "zero"}));
        assertEquals("640m", Launcher.defaultHeap(new String[] {"run-batch", "--parallel"}));
        assertEquals("640m", Launcher.defaultHeap(new String[] {"run-batch", "--parallel=0"}));
    }
}
