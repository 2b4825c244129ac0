package io.mcpgateway.app.diagnostics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.mcpgateway.app.Main;
import picocli.CommandLine;

/** A command run in-process as users type it, with what it printed on each stream and its exit code. */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code args} through the application's command line ({@code mcp-tools-gateway args...}). */
    public static CommandRun of(String... args) {
        return run(Main.commandLine(), args);
    }

    /** Runs one command object built by the test (to inject its environment, clock or input). */
    public static CommandRun with(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
        return run(commandLine, args);
    }

    private static CommandRun run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    public List<String> lines() {
        return out.lines().toList();
    }

    /** The output line that starts with {@code prefix}; fails the test when there is none. */
    public String line(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out + err));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
