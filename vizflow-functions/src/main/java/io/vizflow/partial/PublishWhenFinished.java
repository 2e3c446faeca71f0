package io.vizflow.partial;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobStatusHook;
import org.apache.flink.table.types.logical.RowType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Publishes a date's staged partial where the job runs: on the JobManager, when the job has
 * finished (a Flink {@link JobStatusHook}, as CREATE TABLE AS does). So a date submitted without a
 * client waiting for it (a FlinkSessionJob, a REST submission, an application cluster) still
 * appears, atomically, with its {@code _SUCCESS}; a failed or cancelled job's staging is removed.
 * The output folder must be on a file system the JobManager sees.
 */
public final class PublishWhenFinished implements JobStatusHook {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PublishWhenFinished.class);

    private final String outputDir;
    private final LocalDate date;
    private final String staging;
    private final RowType schema;

    public PublishWhenFinished(PartialCommit commit, RowType schema) {
        this.outputDir = commit.outputDir().toString();
        this.date = commit.date();
        this.staging = commit.staging().toString();
        this.schema = schema;
    }

    @Override
    public void onCreated(JobID jobId) {}

    @Override
    public void onFinished(JobID jobId) {
        // never throw here: the hook runs in the JobManager's main thread
        try {
            PartialCommit.resume(Path.of(outputDir), date, Path.of(staging)).commit(schema);
            LOG.info("published the partial of {} under {}", date, outputDir);
        } catch (Throwable t) {
            LOG.error("could not publish the partial of {} from {}", date, staging, t);
        }
    }

    @Override
    public void onFailed(JobID jobId, Throwable cause) {
        discard();
    }

    @Override
    public void onCanceled(JobID jobId) {
        discard();
    }

    private void discard() {
        try {
            PartialCommit.deleteRecursively(Path.of(staging));
        } catch (Throwable t) {
            LOG.warn("could not remove the staging folder {}", staging, t);
        }
    }
}
