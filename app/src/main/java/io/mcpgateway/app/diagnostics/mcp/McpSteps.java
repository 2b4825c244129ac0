package io.mcpgateway.app.diagnostics.mcp;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.LatencySummary;
import io.mcpgateway.app.diagnostics.Marks;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Runs the steps of an MCP conversation one after another, each timed and reported on its own line; the first
 * failure ends the conversation (later steps would fail for the same reason).
 */
final class McpSteps {

    private final McpTarget target;
    private final PrintWriter out;
    private final Marks marks;
    private boolean failed;

    McpSteps(McpTarget target, PrintWriter out, Marks marks) {
        this.target = Objects.requireNonNull(target, "target");
        this.out = Objects.requireNonNull(out, "out");
        this.marks = Objects.requireNonNull(marks, "marks");
    }

    /**
     * Runs {@code action} unless an earlier step failed; prints its line with {@code describe}'s words on success.
     *
     * @return the step's result; empty when it (or an earlier step) failed
     */
    <T> Optional<T> run(String name, Supplier<T> action, Function<T, String> describe) {
        if (failed) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            T result = action.get();
            print(Check.pass(name, describe.apply(result) + " (" + millisSince(start) + " ms)"));
            return Optional.of(result);
        } catch (RuntimeException e) {
            fail(Check.fail(name, McpFailure.describe(e, target.endpoint(), target.timeout(), target.sendsToken())
                    + " (" + millisSince(start) + " ms)"));
            return Optional.empty();
        }
    }

    /** The first step of every conversation: the handshake, naming the server and the protocol it chose. */
    Optional<McpSchema.InitializeResult> initialize(McpSyncClient client) {
        return run("initialize", client::initialize, r -> r.serverInfo().name() + " " + r.serverInfo().version()
                + ", protocol " + r.protocolVersion());
    }

    /** Reports a failure found in a step's result (a tool's isError), which ends the conversation too. */
    void fail(Check failure) {
        failed = true;
        print(failure);
    }

    boolean failed() {
        return failed;
    }

    private void print(Check check) {
        out.println(marks.line(check));
        out.flush();
    }

    private static String millisSince(long start) {
        return LatencySummary.format((System.nanoTime() - start) / 1_000_000.0);
    }
}
