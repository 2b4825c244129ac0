package io.mcpgateway.restaurant.data;

import java.util.Objects;

/**
 * Something wrong with one file of a data set: what was skipped and why. A data set with problems still serves
 * what loaded; {@code /health} shows the problems.
 *
 * @param file the path relative to the data set's root
 * @param reason what is wrong, for an operator
 */
public record LoadProblem(String file, String reason, Severity severity) {

    /** Whether the problem lost data. */
    public enum Severity {
        /** Some of the file was not loaded: a record, a member, or the whole file. */
        ERROR,
        /**
         * Nothing the format knows was lost: something it does not know was ignored, so the file's district is not
         * incomplete, nor the data set degraded, for it.
         */
        WARNING
    }

    public LoadProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(severity, "severity");
    }

    /** An {@link Severity#ERROR}. */
    public LoadProblem(String file, String reason) {
        this(file, reason, Severity.ERROR);
    }

    /** A {@link Severity#WARNING}. */
    public static LoadProblem warning(String file, String reason) {
        return new LoadProblem(file, reason, Severity.WARNING);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    private static final String UNREADABLE = "cannot be read: ";

    /** A file that exists, or may, but could not be read (an I/O failure, not bad content). */
    public static LoadProblem unreadable(String file, String why) {
        return new LoadProblem(file, UNREADABLE + why);
    }

    /** True for {@link #unreadable}: worth reading again later, unlike bad content. */
    public boolean isUnreadable() {
        return reason.startsWith(UNREADABLE);
    }

    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
