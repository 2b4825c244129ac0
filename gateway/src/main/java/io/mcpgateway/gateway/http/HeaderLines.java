package io.mcpgateway.gateway.http;

import java.util.Enumeration;

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

    /** Whether header {@code name} was sent on more than one line. */
    public static boolean isRepeated(Context ctx, String name) {
        Enumeration<String> lines = ctx.req().getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return false;
        }
        lines.nextElement();
        return lines.hasMoreElements();
    }
}
