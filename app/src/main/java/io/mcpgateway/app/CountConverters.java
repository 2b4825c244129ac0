package io.mcpgateway.app;

import io.mcpgateway.mcpkit.McpServerConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options with a lower bound, checked while the command line is read: a value out of range is a usage
 * error (exit code 2) on the command line, and a configuration error naming the variable (exit code 1) when it comes
 * from the environment ({@link EnvironmentValueErrors}), before any part of the system starts.
 */
final class CountConverters {

    private CountConverters() {
    }

    /** 0 or more: durations in seconds where 0 means none, counts. */
    static final class ZeroOrMore implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(0, value);
        }
    }

    /** 1 or more: sizes. */
    static final class OneOrMore implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(1, value);
        }
    }

    /** A request body limit: at least 1 KB, so that every JSON-RPC request the servers answer fits. */
    static final class RequestBytes implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(McpServerConfig.MIN_REQUEST_BYTES, value);
        }
    }

    /** A server's cap on open connections: at least 16, so that a gateway's pool alone cannot fill it. */
    static final class Connections implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(McpServerConfig.MIN_CONNECTIONS, value);
        }
    }

    private static int atLeast(int minimum, String value) {
        String digits = value.strip();
        try {
            int number = Integer.parseInt(digits);
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            if (digits.matches("\\+?[0-9]+")) {
                // a whole number all the same: say what is wrong with it
                throw new TypeConversionException("'" + value + "' is larger than " + Integer.MAX_VALUE);
            }
        }
        throw new TypeConversionException("'" + value + "' is not a whole number of " + minimum + " or more");
    }
}
