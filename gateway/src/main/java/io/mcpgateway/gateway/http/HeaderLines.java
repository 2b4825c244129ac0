package io.mcpgateway.gateway.http;

import java.util.Enumeration;
import java.util.Locale;

import io.javalin.http.Context;

/** A request header sent on several lines, read as the one comma-separated list it means (RFC 9110 §5.3). */
public final class HeaderLines {

    private HeaderLines() {
    }

    /** Every line of header {@code name} joined with commas; null when the request has none. */
    public static String joined(Context ctx, String name) {
        Enumeration<String> lines = ctx.req().getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            all.append(',').append(lines.nextElement());
        }
        return all.toString();
    }

    /**
     * The request's cache directives: its {@code Cache-Control} lines joined, or, without any, {@code no-cache} for a
     * {@code Pragma: no-cache} (what HTTP/1.0 clients send; RFC 9111 §5.4).
     */
    public static String cacheControl(Context ctx) {
        String cacheControl = joined(ctx, "Cache-Control");
        if (cacheControl != null) {
            return cacheControl;
        }
        String pragma = joined(ctx, "Pragma");
        return pragma != null && pragma.toLowerCase(Locale.ROOT).contains("no-cache") ? "no-cache" : null;
    }
}
