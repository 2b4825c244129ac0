package io.mcpgateway.app.diagnostics;

import java.util.Objects;

/**
 * The outcome of one diagnostic check: what was checked, how it went, and why, in words an operator can act on.
 *
 * @param name short and stable, the same in text and JSON output (for example {@code gateway health})
 * @param detail the reason or the finding; never a token or a secret
 */
public record Check(String name, Status status, String detail) {

    /** How a check went. Warnings pass unless the command is strict; skipped checks never fail. */
    public enum Status {
        PASS, WARN, FAIL, SKIP;

        /** The lower-case name used in JSON output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail);
    }

    public static Check warn(String name, String detail) {
        return new Check(name, Status.WARN, detail);
    }

    public static Check fail(String name, String detail) {
        return new Check(name, Status.FAIL, detail);
    }

    public static Check skip(String name, String detail) {
        return new Check(name, Status.SKIP, detail);
    }

    /** Whether this check lets the command succeed: a failure never does, a warning only when not strict. */
    public boolean passes(Strictness strictness) {
        return switch (status) {
            case PASS, SKIP -> true;
            case WARN -> strictness == Strictness.LENIENT;
            case FAIL -> false;
        };
    }

    /** Whether warnings count as failures. */
    public enum Strictness {
        LENIENT, STRICT
    }
}
