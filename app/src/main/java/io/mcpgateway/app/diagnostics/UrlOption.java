package io.mcpgateway.app.diagnostics;

import java.net.URI;
import java.net.URISyntaxException;

import io.mcpgateway.gateway.config.ShownProblems;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an absolute http(s) URL from the command line; anything else is a usage error that says what is expected. A
 * URL with user information ({@code user:password@}) is refused without repeating it, as the gateway refuses one in
 * its settings: the commands print the URLs they use, and a password would end in a terminal or a CI log.
 */
public final class UrlOption implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        try {
            URI uri = new URI(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                if (uri.getRawUserInfo() != null) {
                    throw new TypeConversionException("a URL with a user name or password before its host is not"
                            + " taken: give credentials in the options or settings made for them");
                }
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new TypeConversionException("'" + ShownProblems.urlWithoutUserInfo(value) + "' is not an http(s) URL like"
                + " http://127.0.0.1:8080");
    }

    /** {@code path} under {@code base}, keeping any path prefix the base has (a gateway behind {@code /prod}). */
    public static URI under(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    /** A usage error (exit code 2) unless {@code value} is at least 1. */
    public static void requirePositive(CommandSpec spec, String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1 but was " + value);
        }
    }
}
