package io.vizflow.jobs;

import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.cli.VizFlowCli;
import io.vizflow.partial.PartialLayout;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run-batch: failures isolated, complete dates skipped, a killed batch finished on the next run. */
class BatchRunTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final LocalDate GOOD = LocalDate.of(2024, 2, 1);
    private static final LocalDate EMPTY = LocalDate.of(2024, 2, 2);
    private static final LocalDate BAD_SIDE = LocalDate.of(2024, 2, 9);
    private static final LocalDate MISSING = LocalDate.of(2024, 2, 28);

    @TempDir
    Path out;

    @Test
    void oneFailingDateDoesNotStopTheOthers() throws Exception {
        List<DateOutcome> outcomes = batch(true).run(List.of(EMPTY, GOOD, MISSING, BAD_SIDE), o -> { });
        Map<LocalDate, DateOutcome> byDate = outcomes.stream().collect(Collectors.toMap(DateOutcome::date, o -> o));
        assertEquals(DateOutcome.Status.DONE, byDate.get(GOOD).status());
        assertTrue(byDate.get(EMPTY).error().contains("fills_20240202.feather") && byDate.get(EMPTY).error().contains("empty"));
        assertTrue(byDate.get(MISSING).error().contains("fills_20240228.feather: no such file"));
        assertTrue(byDate.get(BAD_SIDE).error().contains("row 31"), byDate.get(BAD_SIDE).error());
        assertTrue(PartialLayout.isComplete(out, GOOD));
        for (LocalDate failed : List.of(EMPTY, MISSING, BAD_SIDE)) {
            assertFalse(Files.exists(PartialLayout.dateDir(out, failed)), "no partial for a failed date");
        }
    }

    @Test
    void completeDatesAreSkippedUnlessToldOtherwise() throws Exception {
        batch(true).run(List.of(GOOD), o -> { });
        assertEquals(DateOutcome.Status.SKIPPED, batch(true).run(List.of(GOOD), o -> { }).get(0).status());
        assertEquals(DateOutcome.Status.DONE, batch(false).run(List.of(GOOD), o -> { }).get(0).status());
    }

    @Test
    void aBatchKilledHalfwayIsFinishedByTheNextRun() throws Exception {
        // what a kill leaves: a staging folder mid-write, and a date folder without _SUCCESS
        Files.createDirectories(out.resolve(".staging/date=20240201.dead-run"));
        Files.writeString(out.resolve(".staging/date=20240201.dead-run/part-half-written"), "xx");
        Path incomplete = PartialLayout.dateDir(out, GOOD);
        Files.createDirectories(incomplete);
        Files.writeString(incomplete.resolve("part-00000.parquet"), "not a complete partial");

        List<String> progress = new ArrayList<>();
        List<DateOutcome> outcomes = batch(true).run(List.of(GOOD), o -> progress.add(o.status().name()));
        assertEquals(List.of("DONE"), progress);
        assertTrue(PartialLayout.isComplete(out, GOOD));
        assertFalse(Files.exists(out.resolve(".staging")), "the dead run's staging is cleaned up");
        assertEquals(50, outcomes.get(0).summary().inputRows());
    }

    @Test
    void commandPrintsProgressAndSummaryAndFailsWhenAnyDateFailed() throws Exception {
        Path cfg = Golden.configFile(out, "posttrade", Golden.resource("bad"), out.resolve("partials"));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = VizFlowCli.execute(new PrintWriter(stdout), new PrintWriter(stderr),
                "run-batch", "--config", cfg.toString(), "--dates", "20240201,20240228", "--parallel", "2");
        assertEquals(1, code);
        assertTrue(stderr.toString().contains("2/2 dates"), stderr.toString());
        assertTrue(stdout.toString().contains("20240201    done"), stdout.toString());
        assertTrue(stdout.toString().contains("20240228    FAILED"), stdout.toString());
        assertTrue(stdout.toString().contains("2 dates: 1 done, 0 skipped, 1 failed"), stdout.toString());
    }

    @Test
    void datesComeFromTheCalendarAndOthersAreRefused() throws Exception {
        Path calendar = out.resolve("calendar.csv");
        TradingCalendar.weekdays(LocalDate.of(2024, 1, 29), LocalDate.of(2024, 2, 9), List.of(EMPTY)).write(calendar);
        VizFlowConfig cfg = VizFlowConfig.parse(Golden.yaml("posttrade", Golden.resource("bad"), out)
                + "calendar: " + calendar + "\n", "posttrade.yaml");
        TradingCalendar cal = TradingCalendar.load(calendar);
        assertEquals(List.of(GOOD), cal.range(GOOD, EMPTY), "the holiday is not a trading day");
        DateOutcome holiday = new BatchRun(cfg, cal, 1, true).run(List.of(EMPTY), o -> { }).get(0);
        assertEquals(DateOutcome.Status.FAILED, holiday.status());
        assertTrue(holiday.error().contains("20240202 is not a trading day"), holiday.error());
        RunSummary s = new DailyJob(cfg, GOOD).run();
        assertEquals(GOOD, s.date());
    }

    private BatchRun batch(boolean skipExisting) {
        return new BatchRun(Golden.config("posttrade", Golden.resource("bad"), out), null, 2, skipExisting);
    }
}
