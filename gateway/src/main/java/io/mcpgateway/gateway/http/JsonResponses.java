package io.mcpgateway.gateway.http;

import io.javalin.http.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON answer as UTF-8 bytes in one piece. Javalin's {@code ctx.json} goes through a character writer and
 * then encodes the whole string again: with answers of tens of kilobytes that was the largest cost of a gateway
 * request (JFR profile of bench/gateway.sh: WriterBasedJsonGenerator and String.encodeUTF8 about 35% of CPU).
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void send(Context ctx, JsonMapper mapper, Object body) {
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
    }
}
