package io.mcpgateway.gateway.mcp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.GzipAnswers;
import io.mcpgateway.gateway.http.JsonResponses;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.json.RawJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-RPC batches, which MCP 2025-03-26 says servers must take and 2025-06-18 removed: taken from a client whose
 * {@code MCP-Protocol-Version} is 2025-03-26 or absent (which the transport says to read as 2025-03-26), refused
 * (400, -32600) from one that negotiated a later version.
 *
 * <p>The messages are answered one after another in the batch's order, each as it would be alone, with these
 * differences: {@code initialize} may not be batched; a refusal that is an HTTP status of its own for a single request
 * (a rate limit's 429) is that message's JSON-RPC error; and a batch costs no more than one request may
 * ({@link BatchLimits}): its tool calls share the time of one, so a call not started in time, or one whose answer would
 * pass the bytes of one, is answered with an error to send it again alone. The caller's scopes for every tool the batch
 * calls are checked first, so a batch calling tools the caller may not use gets one 403 step-up challenge naming all
 * their scopes, before any of it runs.
 */
final class McpBatches {

    /** The version whose clients may batch; the transport reads a request without the version header as this one. */
    static final String BATCHING_VERSION = "2025-03-26";
    /** Messages a batch may hold. */
    static final int MAX_MESSAGES = 32;

    private static final Logger log = LoggerFactory.getLogger(McpBatches.class);

    private final McpMethods methods;
    private final JsonMapper mapper;
    private final GzipAnswers gzip;
    private final BatchLimits limits;
    private final Clock clock;

    McpBatches(McpMethods methods, JsonMapper mapper, GzipAnswers gzip, BatchLimits limits, Clock clock) {
        this.methods = Objects.requireNonNull(methods, "methods");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.gzip = Objects.requireNonNull(gzip, "gzip");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
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
            ctx.status(400).json(JsonRpc.invalidRequest(null, refused));
            return;
        }
        RequestContext.note(ctx, "batch", Integer.toString(batch.size()));
        List<McpMessage> messages = batch.stream().map(McpMessage::of).toList();
        methods.requireScopes(messages.stream().filter(m -> m.kind() == McpMessage.Kind.REQUEST).toList(), caller);
        Instant notAfter = clock.instant().plus(limits.time());
        List<List<RawJson>> answers = new ArrayList<>();
        long bytes = 0;
        boolean full = false; // an answer was left out: the tool calls after it are not made
        for (McpMessage message : messages) {
            Map<String, Object> answer = switch (message.kind()) {
                case INVALID -> message.refusal();
                case REQUEST -> answerRequest(message, caller, ctx, notAfter, full);
                case NOTIFICATION, RESPONSE -> null; // taken, nothing to answer
            };
            if (answer != null) {
                List<RawJson> pieces = JsonResponses.piecesOf(answer, mapper);
                if (bytes + JsonResponses.lengthOf(pieces) > limits.answerBytes()) {
                    full = true;
                    pieces = JsonResponses.piecesOf(notAnswered(message, fullAnswer()), mapper);
                }
                bytes += JsonResponses.lengthOf(pieces);
                answers.add(pieces);
            }
        }
        if (answers.isEmpty()) {
            JsonResponses.withoutBody(ctx, 202);
        } else {
            JsonResponses.sendArray(ctx, answers, gzip);
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

    private Map<String, Object> answerRequest(McpMessage request, Caller caller, Context ctx, Instant notAfter,
            boolean full) {
        if (request.method().equals("initialize")) {
            return JsonRpc.invalidRequest(request.id(), "initialize must not be part of a JSON-RPC batch");
        }
        if (request.method().equals("tools/call")) {
            if (!clock.instant().isBefore(notAfter)) {
                return notAnswered(request, "the batch's tool calls took the " + limits.time().toMillis()
                        + " ms one call may take");
            }
            if (full) {
                return notAnswered(request, fullAnswer());
            }
        }
        try {
            return methods.answer(request, caller, ctx, notAfter);
        } catch (GatewayException e) {
            RequestContext.noteBatchRefusal(ctx, e);
            return methods.serverError(request.id(), e, ctx);
        } catch (RuntimeException e) {
            // a bug: the answers of the rest of the batch, and of the calls already made, are kept
            log.error("Batched {} failed", request.method(), e);
            return JsonRpc.error(request.id(), JsonRpc.INTERNAL_ERROR, "Internal error: see the gateway's log for"
                    + " request " + RequestContext.id(ctx));
        }
    }

    private String fullAnswer() {
        return "the batch's answer would pass the " + limits.answerBytes() + " bytes one answer may have";
    }

    /** The error of a request the batch did not run, or whose answer it left out, and why. */
    private static Map<String, Object> notAnswered(McpMessage request, String why) {
        return JsonRpc.error(request.id(), JsonRpc.SERVER_ERROR, "Not answered in this batch: " + why
                + "; send it again, alone or in a smaller batch", Map.of("error_type", "BatchLimit"));
    }
}
