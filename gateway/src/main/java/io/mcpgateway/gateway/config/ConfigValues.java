package io.mcpgateway.gateway.config;

import java.util.Arrays;
import java.util.List;

/** Parsing of the plain-text values environment variables carry. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** {@code "a, b,,c"} → {@code [a, b, c]}. */
    static List<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
