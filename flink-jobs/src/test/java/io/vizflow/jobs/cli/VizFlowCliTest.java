package io.vizflow.jobs.cli;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's command line: each command found by its name, only the one run is built. */
class VizFlowCliTest {
    private static final List<String> COMMANDS = List.of("run", "run-batch", "calendar", "bench", "consolidate",
            "query", "query-bench", "cluster", "ui");

    @Test
    void helpListsEveryCommandInOrder() {
        StringWriter out = new StringWriter();
        assertEquals(0, VizFlowCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help"));
        String help = out.toString();
        int at = 0;
        for (String c : COMMANDS) {
            int i = help.indexOf("  " + c + " ", at);
            assertTrue(i > 0, c + " is not listed (in order) in:\n" + help);
            at = i;
        }
        assertEquals(COMMANDS, List.copyOf(VizFlowCli.commandLine().getSubcommands().keySet()));
    }

    @Test
    void eachCommandIsRegisteredUnderItsOwnName() {
        for (String c : COMMANDS) {
            CommandLine cli = VizFlowCli.commandLine(c, "--help");
            assertEquals(Set.of(c), cli.getSubcommands().keySet(), "the command line of '" + c + "'");
            assertEquals(c, cli.getSubcommands().get(c).getCommandName());
        }
    }

    @Test
    void aCommandsHelpWorksWithOnlyThatCommandBuilt() {
        StringWriter out = new StringWriter();
        assertEquals(0, VizFlowCli.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "run", "--help"));
        assertTrue(out.toString().contains("--config") && out.toString().contains("--date"), out.toString());
    }

    @Test
    void anUnknownCommandIsAUsageErrorNamingIt() {
        StringWriter err = new StringWriter();
        assertEquals(2, VizFlowCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "rum", "--date", "20240102"));
        assertTrue(err.toString().contains("rum"), err.toString());
        assertTrue(err.toString().contains("run"), "suggests the commands: " + err);
    }
}
