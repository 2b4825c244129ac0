package io.mcpgateway.restaurant.data;

import java.util.Objects;

/**
 * Something wrong with one file of a data set: what was skipped and why. A data set with problems still serves
 * what loaded; {@code /health} shows the problems.
 *
 * @param file the path relative to the data set's root
 * @param reason what is wrong, for an operator
 */
public record LoadProblem(String file, String reason) {

    public LoadProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
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
