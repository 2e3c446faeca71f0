package io.vizflow.jobs;

import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecution;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one run's wall time went, stage by stage, from Flink's own record of when each task ran
 * (the timeline of its web UI): the start (the cluster, planning the job, deploying its tasks),
 * then each task of the job graph in order (a chain of operators, such as the source with
 * parse_time and the grouping by symbol, or the per-symbol steps with the bins and the
 * pre-aggregation, or the merge that writes and publishes the partial), then the end (the job's
 * result, stopping the cluster). In BATCH
 * execution a task starts once the ones before it have finished, so each stage runs from the end
 * of the one before to the moment its last subtask finished, and the stages add up to the run.
 *
 * @param name the stage: a task's operators, or the start or the end of the run
 * @param parallelism its subtasks (0 for the start and the end)
 * @param seconds its wall time
 */
public record StageTime(String name, int parallelism, double seconds) {
    /** Before the first task ran. */
    public static final String START = "start (cluster, planning, deployment)";
    /** After the last task finished. */
    public static final String END = "end (the job's result, stopping the cluster)";

    /**
     * The stages of a finished job, whose run took from {@code runStartMillis} to
     * {@code runEndMillis} (epoch milliseconds, the clock Flink's timestamps use).
     */
    static List<StageTime> of(AccessExecutionGraph job, long runStartMillis, long runEndMillis) {
        List<StageTime> stages = new ArrayList<>();
        long firstRunning = Long.MAX_VALUE;
        for (AccessExecutionJobVertex task : job.getVerticesTopologically()) {
            for (AccessExecutionVertex subtask : task.getTaskVertices()) {
                long t = subtask.getCurrentExecutionAttempt().getStateTimestamp(ExecutionState.RUNNING);
                if (t > 0) firstRunning = Math.min(firstRunning, t);
            }
        }
        if (firstRunning == Long.MAX_VALUE) return List.of(); // no task ran
        long before = Math.max(runStartMillis, Math.min(firstRunning, runEndMillis));
        stages.add(new StageTime(START, 0, seconds(before - runStartMillis)));
        for (AccessExecutionJobVertex task : job.getVerticesTopologically()) {
            long finished = before;
            for (AccessExecutionVertex subtask : task.getTaskVertices()) {
                AccessExecution attempt = subtask.getCurrentExecutionAttempt();
                finished = Math.max(finished, attempt.getStateTimestamp(ExecutionState.FINISHED));
            }
            finished = Math.min(finished, runEndMillis);
            stages.add(new StageTime(task.getName(), task.getParallelism(), seconds(finished - before)));
            before = finished;
        }
        stages.add(new StageTime(END, 0, seconds(runEndMillis - before)));
        return List.copyOf(stages);
    }

    private static double seconds(long millis) {
        return Math.max(0, millis) / 1e3;
    }
}
