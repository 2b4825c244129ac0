package io.mcpgateway.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a listening address option ({@code --host}): anything but a blank, which would mean no address at all. Like
 * the other converters, a blank is a usage error (exit code 2) on the command line and a configuration error naming
 * the variable (exit code 1) from the environment; a name that does not resolve is found when the server binds.
 */
final class AddressConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("'" + value + "' is not an address, such as 0.0.0.0 or 127.0.0.1");
        }
        return value.strip();
    }
}
