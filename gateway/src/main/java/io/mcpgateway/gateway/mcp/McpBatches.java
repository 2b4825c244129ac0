package io.mcpgateway.gateway.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.GzipAnswers;
import io.mcpgateway.gateway.http.JsonResponses;
import io.mcpgateway.gateway.http.RequestContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-RPC batches, which MCP 2025-03-26 says servers must take and 2025-06-18 removed: taken from a client whose
 * {@code MCP-Protocol-Version} is 2025-03-26 or absent (which the transport says to read as 2025-03-26), refused
 * (400, -32600) from one that negotiated a later version.
 *
 * <p>The messages are answered one after another in the batch's order, each as it would be alone, with two
 * differences: {@code initialize} may not be batched, and a refusal that is an HTTP status of its own for a single
 * request (a rate limit's 429) is that message's JSON-RPC error. The caller's scopes for every tool the batch calls are
 * checked first, so a batch calling a tool the caller may not use gets the 403 step-up challenge before any of it runs.
 */
final class McpBatches {

    /** The version whose clients may batch; the transport reads a request without the version header as this one. */
    static final String BATCHING_VERSION = "2025-03-26";
    /** Messages a batch may hold: each may be a tool call, and they are answered one after another. */
    static final int MAX_MESSAGES = 32;

    private final McpMethods methods;
    private final JsonMapper mapper;
    private final GzipAnswers gzip;

    McpBatches(McpMethods methods, JsonMapper mapper, GzipAnswers gzip) {
        this.methods = Objects.requireNonNull(methods, "methods");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.gzip = Objects.requireNonNull(gzip, "gzip");
    }

    /**
     * Answers {@code batch}: 200 with the array of answers to its requests and invalid messages, 202 without a body
     * when it held only notifications and responses, 400 for a batch refused as a whole.
     *
     * @param version the request's {@code MCP-Protocol-Version}, a supported one or null
     */
    void answer(Context ctx, List<?> batch, String version, Caller caller) {
        String refused = refusal(batch, version);
        if (refused != null) {
            ctx.status(400).json(McpMessage.invalidRequest(null, refused));
            return;
        }
        RequestContext.note(ctx, "batch", Integer.toString(batch.size()));
        List<McpMessage> messages = batch.stream().map(McpMessage::of).toList();
        messages.stream().filter(m -> m.kind() == McpMessage.Kind.REQUEST)
                .forEach(request -> methods.requireScopes(request, caller));
        List<Map<String, Object>> answers = new ArrayList<>();
        for (McpMessage message : messages) {
            switch (message.kind()) {
                case INVALID -> answers.add(message.refusal());
                case REQUEST -> answers.add(answerRequest(message, caller, ctx));
                case NOTIFICATION, RESPONSE -> { } // taken, nothing to answer
            }
        }
        if (answers.isEmpty()) {
            JsonResponses.withoutBody(ctx, 202);
        } else {
            JsonResponses.send(ctx, mapper, answers, gzip);
        }
    }

    private static String refusal(List<?> batch, String version) {
        if (version != null && !version.equals(BATCHING_VERSION)) {
            return "JSON-RPC batches are not part of MCP " + version + " (only of " + BATCHING_VERSION
                    + "): send one message per request";
        }
        if (batch.isEmpty()) {
            return "An empty batch: a batch holds one message or more";
        }
        if (batch.size() > MAX_MESSAGES) {
            return "A batch holds at most " + MAX_MESSAGES + " messages here; this one has " + batch.size()
                    + ": send them in several requests";
        }
        return null;
    }

    private Map<String, Object> answerRequest(McpMessage request, Caller caller, Context ctx) {
        if (request.method().equals("initialize")) {
            return McpMessage.invalidRequest(request.id(), "initialize must not be part of a JSON-RPC batch");
        }
        try {
            return methods.answer(request, caller, ctx);
        } catch (GatewayException e) {
            RequestContext.noteRefusal(ctx, e);
            return methods.refusal(request.id(), e, ctx);
        }
    }
}
