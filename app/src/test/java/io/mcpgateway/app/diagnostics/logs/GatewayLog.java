package io.mcpgateway.app.diagnostics.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A gateway log written by a test, line by line as the gateway writes it in either format (the patterns of
 * {@code app/src/main/resources/logback.xml}): the same lines in JSON or text, so a test can read both.
 */
final class GatewayLog {

    static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");

    /** The gateway's two log formats. */
    enum Format {
        /** {@code LOG_FORMAT=JSON}: logback's JsonEncoder, the request's fields in {@code mdc}. */
        JSON,
        /** The default: {@code 22:00:05.000 WARN  [thread] i.m.g.a.IssuerKeys - message [request id]}. */
        TEXT
    }

    private final Format format;
    private final List<String> lines = new ArrayList<>();

    GatewayLog(Format format) {
        this.format = format;
    }

    /** A line logged outside any request (a health probe, a background refresh). */
    GatewayLog event(long second, String level, String logger, String message) {
        return line(second, level, "", logger, message, Map.of());
    }

    /** A line logged while serving request {@code requestId}. */
    GatewayLog event(long second, String level, String logger, String message, String requestId) {
        return line(second, level, "JettyServerThreadPool-Virtual-7", logger, message,
                Map.of("request_id", requestId));
    }

    /**
     * The access line of a finished request, with the fields AccessLog puts in the MDC.
     *
     * @param errorCode null for a success
     * @param more further fields ({@code caller}, {@code error_type}); only JSON lines carry them
     */
    GatewayLog access(long second, String method, String route, int status, String errorCode, String millis,
            String requestId, String clientIp, Map<String, String> more) {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("request_id", requestId);
        mdc.put("client_ip", clientIp);
        mdc.put("route", route);
        mdc.put("status", Integer.toString(status));
        mdc.put("duration_ms", millis);
        if (errorCode != null) {
            mdc.put("error_code", errorCode);
        }
        mdc.putAll(more);
        String message = method + " " + route + " " + status + " " + (errorCode == null ? "" : errorCode + " ")
                + millis + "ms";
        return line(second, "INFO", "JettyServerThreadPool-Virtual-7", LogLine.ACCESS_LOGGER, message, mdc);
    }

    /** Not a log line of the gateway: a banner, a stack trace line. */
    GatewayLog other(String text) {
        lines.add(text);
        return this;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** How the report shows the time of a line logged {@code second} seconds after {@link #T0}. */
    String shown(long second) {
        Instant at = T0.plusSeconds(second);
        return format == Format.JSON ? at.toString()
                : DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(at);
    }

    private GatewayLog line(long second, String level, String thread, String logger, String message,
            Map<String, String> mdc) {
        lines.add(format == Format.JSON ? json(second, level, thread, logger, message, mdc)
                : text(second, level, thread, logger, message, mdc.get("request_id")));
        return this;
    }

    private static String json(long second, String level, String thread, String logger, String message,
            Map<String, String> mdc) {
        return "{\"timestamp\":" + T0.plusSeconds(second).toEpochMilli() + ",\"level\":\"" + level
                + "\",\"threadName\":\"" + thread + "\",\"loggerName\":\"" + logger + "\",\"mdc\": {"
                + mdc.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + quoted(e.getValue()))
                        .collect(Collectors.joining(","))
                + "},\"formattedMessage\":" + quoted(message) + ",\"throwable\":null}";
    }

    /** As logback's JsonEncoder writes a string: its slashes escaped too. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/") + "\"";
    }

    private String text(long second, String level, String thread, String logger, String message,
            String requestId) {
        return shown(second) + " " + String.format("%-5s", level) + " [" + thread + "] " + abbreviated(logger)
                + " - " + message + (requestId == null ? "" : " [" + requestId + "]");
    }

    /** {@code %logger{24}}: the packages of a long name cut to their first letter. */
    private static String abbreviated(String logger) {
        if (logger.length() <= 24) {
            return logger;
        }
        int last = logger.lastIndexOf('.');
        return List.of(logger.substring(0, last).split("\\.")).stream().map(p -> p.substring(0, 1))
                .collect(Collectors.joining(".", "", ".")) + logger.substring(last + 1);
    }
}
