package io.mcpgateway.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the running configuration came from, read again by {@code POST /config/reload} and
 * {@code GET /config/validate/all}, so an operator can check and apply an edited file without a restart.
 */
@FunctionalInterface
public interface ConfigSource {

    /** Reads the configuration again; never throws for a bad one, it reports every problem instead. */
    Reading read();

    /**
     * Reads it as {@link #read} does, but as if its environment were {@code environment} (what {@code ENVIRONMENT}
     * would make it): some settings are refused in one environment only, such as a secret written in the file.
     */
    default Reading readAs(Environment environment) {
        return read();
    }

    /** A configuration read: either {@code config} or, when it is not valid, its {@code problems}. */
    record Reading(GatewayConfig config, List<String> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** A gateway started without a file: every read gives the configuration it was started with. */
    static ConfigSource fixed(GatewayConfig config) {
        Reading reading = new Reading(Objects.requireNonNull(config, "config"), List.of());
        return () -> reading;
    }

    /**
     * {@code file} (may be null) overlaid with the environment by {@code loader}, then {@code adjust}ed (command-line
     * overrides such as {@code --port}).
     */
    static ConfigSource of(ConfigLoader loader, Path file, UnaryOperator<GatewayConfig> adjust) {
        return new ConfigSource() {
            @Override
            public Reading read() {
                return reading(loader, file, adjust);
            }

            @Override
            public Reading readAs(Environment environment) {
                return reading(loader.as(environment), file, adjust);
            }
        };
    }

    private static Reading reading(ConfigLoader loader, Path file, UnaryOperator<GatewayConfig> adjust) {
        try {
            List<String> problems = loader.check(file).stream().map(ConfigException::getMessage).toList();
            return problems.isEmpty() ? new Reading(adjust.apply(loader.load(file)), List.of())
                    : new Reading(null, problems);
        } catch (ConfigException e) { // the file was edited between the check and the load
            return new Reading(null, List.of(e.getMessage()));
        } catch (RuntimeException e) { // a value no check foresaw, such as a path the file system refuses
            return new Reading(null, List.of("the configuration cannot be read: " + e.getMessage()));
        }
    }
}
