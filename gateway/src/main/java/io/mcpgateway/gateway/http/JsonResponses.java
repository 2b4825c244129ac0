package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.mcpgateway.json.RawJson;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON answer as UTF-8 bytes in one piece. Javalin's {@code ctx.json} goes through a character writer and
 * then encodes the whole string again: with answers of tens of kilobytes that was the largest cost of a gateway
 * request (JFR profile of bench/gateway.sh: WriterBasedJsonGenerator and String.encodeUTF8 about 35% of CPU).
 *
 * <p>An answer object with a member that is a backend's JSON passed through ({@link RawJson}) is joined from its
 * members' bytes into one array of the exact size: through Jackson the large member was copied twice more, in and out
 * of its growing buffer (about 7% of the cached route's CPU, perf profile of bench/gateway.sh --targets cached).
 *
 * <p>Unless the client negotiates a content encoding (left to Javalin's compression), the bytes go to the servlet
 * stream in one write with their Content-Length: Javalin copies a result through 8 KB chunks into a chunked
 * response, and with the writes it causes that was about 10% of a cached route's CPU (same profile; ~18% more
 * requests/s without it).
 */
public final class JsonResponses {

    private static final Logger log = LoggerFactory.getLogger(JsonResponses.class);

    private JsonResponses() {
    }

    /** The success envelope of the gateway's own endpoints, {@code {"success": true, "data": ...}}. */
    public static void success(Context ctx, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        ctx.json(body);
    }

    public static void send(Context ctx, JsonMapper mapper, Object body) {
        byte[] bytes = body instanceof Map<?, ?> members && hasRawMember(members) ? join(members, mapper)
                : mapper.writeValueAsBytes(body);
        if (ctx.header("Accept-Encoding") != null) {
            ctx.contentType("application/json").result(bytes);
            return;
        }
        HttpServletResponse response = ctx.res();
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            log.debug("The client went away before its answer was written: {}", e.toString());
        }
    }

    private static boolean hasRawMember(Map<?, ?> members) {
        for (Object value : members.values()) {
            if (RawJson.of(value) != null) {
                return true;
            }
        }
        return false;
    }

    /** The JSON object of {@code members}, in their order, with raw members copied once. */
    static byte[] join(Map<?, ?> members, JsonMapper mapper) {
        List<RawJson> parts = new ArrayList<>(members.size() * 2);
        int size = 2 + Math.max(0, members.size() - 1); // the braces and the commas
        for (Map.Entry<?, ?> member : members.entrySet()) {
            RawJson name = RawJson.wrap(mapper.writeValueAsBytes(String.valueOf(member.getKey())));
            RawJson raw = RawJson.of(member.getValue());
            RawJson value = raw != null ? raw : RawJson.wrap(mapper.writeValueAsBytes(member.getValue()));
            parts.add(name);
            parts.add(value);
            size += name.length() + 1 + value.length(); // 1: the colon
        }
        byte[] joined = new byte[size];
        int at = 0;
        joined[at++] = '{';
        for (int i = 0; i < parts.size(); i += 2) {
            if (i > 0) {
                joined[at++] = ',';
            }
            at = parts.get(i).copyTo(joined, at);
            joined[at++] = ':';
            at = parts.get(i + 1).copyTo(joined, at);
        }
        joined[at] = '}';
        return joined;
    }
}
