package io.mcpgateway.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How {@link ConfigLoader} meets a problem in one part of the configuration: start-up stops at the first (the
 * message names the setting), {@code validate-config} notes each and reads on, to report them all at once.
 */
final class ConfigProblems {

    enum Mode {
        STOP_AT_FIRST, COLLECT
    }

    private final Mode mode;
    private final List<ConfigException> found = new ArrayList<>();

    ConfigProblems(Mode mode) {
        this.mode = mode;
    }

    /** The part read by {@code part}, or null when it is broken and problems are being collected. */
    <T> T read(Supplier<T> part) {
        if (mode == Mode.STOP_AT_FIRST) {
            return part.get();
        }
        try {
            return part.get();
        } catch (ConfigException e) {
            found.add(e);
            return null;
        }
    }

    void add(ConfigException problem) {
        found.add(problem);
    }

    List<ConfigException> found() {
        return List.copyOf(found);
    }
}
