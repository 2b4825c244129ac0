package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every diagnostic command explains itself, including what its exit codes mean. */
class DiagnosticCommandsHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"health", "validate-token", "load-test", "analyze-logs", "validate-config", "mcp",
            "mcp ping", "mcp tools", "mcp call"})
    void helpShowsUsageAndTheThreeExitCodes(String command) {
        String[] args = (command + " --help").split(" ");

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mcp-tools-gateway " + command).contains("Exit codes:")
                .containsPattern("\\n  0 +\\S").containsPattern("\\n  1 +\\S").contains("2   invalid command line");
    }

    @Test
    void theRootHelpListsTheDiagnosticCommands() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.out()).contains("health", "validate-token", "load-test", "analyze-logs", "validate-config",
                "mcp");
    }
}
