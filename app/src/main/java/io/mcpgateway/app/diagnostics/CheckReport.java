package io.mcpgateway.app.diagnostics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.text.Plural;

/** The checks of one command run, in the order they were made, and what they add up to. */
public final class CheckReport {

    private final List<Check> checks = new ArrayList<>();

    public Check add(Check check) {
        checks.add(check);
        return check;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public boolean passed(Check.Strictness strictness) {
        return checks.stream().allMatch(c -> c.passes(strictness));
    }

    public long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** {@link ExitCode#OK} when every check passes, {@link ExitCode#CHECK_FAILED} otherwise. */
    public int exitCode(Check.Strictness strictness) {
        return passed(strictness) ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    /** Every check as a line, then a one-line verdict. */
    public void print(PrintWriter out, Marks marks, Check.Strictness strictness) {
        checks.forEach(c -> out.println(marks.line(c)));
        out.println(verdict(strictness));
        out.flush();
    }

    /**
     * For example "All 5 checks passed (1 warning)." or "2 of 5 checks failed." (strict: "2 of 5 checks failed (2
     * warnings, failures with --strict).", so the warning lines above it are not taken for passes).
     */
    public String verdict(Check.Strictness strictness) {
        long failed = checks.stream().filter(c -> !c.passes(strictness)).count();
        long warnings = count(Check.Status.WARN);
        long skipped = count(Check.Status.SKIP);
        String notes = notes(warnings, strictness == Check.Strictness.STRICT, skipped);
        if (failed == 0) {
            return "All " + checks.size() + " checks passed" + notes + ".";
        }
        return failed + " of " + checks.size() + " checks failed" + notes + ".";
    }

    private static String notes(long warnings, boolean strict, long skipped) {
        List<String> notes = new ArrayList<>();
        if (warnings > 0) {
            notes.add(Plural.of(warnings, "warning") + (strict ? ", failures with --strict" : ""));
        }
        if (skipped > 0) {
            notes.add(skipped + " skipped");
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    /** The checks as JSON-ready maps: {@code name}, {@code status} (pass, warn, fail, skip), {@code detail}. */
    public List<Map<String, Object>> toJson() {
        return checks.stream().map(c -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", c.name());
            json.put("status", c.status().label());
            json.put("detail", c.detail());
            return json;
        }).toList();
    }
}
