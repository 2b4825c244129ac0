package io.mcpgateway.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a TCP port option: a number from 0 (any free port) to 65535. A port out of range is a usage error (exit code
 * 2) found while the command line is read, before any part of the system starts.
 */
final class PortConverter implements ITypeConverter<Integer> {

    static final int MAX_PORT = 65535;

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number (0 to " + MAX_PORT + ")");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new TypeConversionException("'" + value + "' is not a port number (0 to " + MAX_PORT + ")");
        }
        return port;
    }
}
