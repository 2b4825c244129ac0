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

    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
