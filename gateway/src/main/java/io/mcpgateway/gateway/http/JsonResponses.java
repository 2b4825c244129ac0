package io.mcpgateway.gateway.http;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON answer as UTF-8 bytes in one piece. Javalin's {@code ctx.json} goes through a character writer and
 * then encodes the whole string again: with answers of tens of kilobytes that was the largest cost of a gateway
 * request (JFR profile of bench/gateway.sh: WriterBasedJsonGenerator and String.encodeUTF8 about 35% of CPU).
 *
 * <p>Unless the client negotiates a content encoding (left to Javalin's compression), the bytes go to the servlet
 * stream in one write with their Content-Length: Javalin copies a result through 8 KB chunks into a chunked
 * response, and with the writes it causes that was about 10% of a cached route's CPU (perf profile of
 * bench/gateway.sh --targets cached; ~18% more requests/s without it).
 */
public final class JsonResponses {

    private static final Logger log = LoggerFactory.getLogger(JsonResponses.class);

    private JsonResponses() {
    }

    public static void send(Context ctx, JsonMapper mapper, Object body) {
        byte[] bytes = mapper.writeValueAsBytes(body);
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
}
