package io.mcpgateway.restaurant.data;

import java.util.Objects;

/**
 * Something wrong with one file of a data set: what was skipped and why. A data set with problems still serves
 * what loaded; {@code /health} shows the problems.
 *
 * @param file the path relative to the data set's root
 * @param reason what is wrong, for an operator
 * @param loadedWhole true when nothing of the file was lost: only something the format does not know was ignored,
 *     so its district is not incomplete, and the data set not degraded, for it
 */
public record LoadProblem(String file, String reason, boolean loadedWhole) {

    public LoadProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** A problem that lost some of the file: a record, a member, or the whole file skipped. */
    public LoadProblem(String file, String reason) {
        this(file, reason, false);
    }

    /** Something the format does not know, ignored; everything of the file that the format knows loaded. */
    public static LoadProblem ignored(String file, String reason) {
        return new LoadProblem(file, reason, true);
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
