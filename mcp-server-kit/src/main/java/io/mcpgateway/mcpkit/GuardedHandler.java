package io.mcpgateway.mcpkit;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.text.Echoed;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import reactor.core.publisher.Mono;

/**
 * Sits between the SDK's transport and its request handler to make protocol errors precise and safe:
 * <ul>
 * <li>params that are no object ({@code "params": 5}), or whose {@code _meta} is none, whatever the method, are
 * invalid params (-32602): the SDK answered a {@code ping} with them;</li>
 * <li>a request whose params cannot be read (for example {@code "params": {"name": []}} on {@code tools/call}) makes
 * the SDK throw before it answers, which its servlet would turn into HTTP 500; here it becomes JSON-RPC error -32602
 * (invalid params), because the caller is at fault;</li>
 * <li>an internal error (-32603) carries the exception message in the SDK; here the message is replaced by a fixed
 * one, so internals never reach a caller;</li>
 * <li>an unknown tool is named in the message (the SDK puts a placeholder there);</li>
 * <li>an {@code initialize} whose params cannot be read is invalid params, not the SDK's internal error;</li>
 * <li>a {@code tools/list} cursor is invalid params: every tool is listed in one page, so none was given out;</li>
 * <li>notifications but {@code notifications/initialized} are ignored quietly, as JSON-RPC has it: the SDK logged a
 * WARN for each (a cancellation cannot reach a call here, each request being answered before the next is read), so
 * any client could fill the log.</li>
 * </ul>
 */
final class GuardedHandler implements McpStatelessServerHandler {

    static final String INTERNAL_ERROR_MESSAGE = "Internal error";
    private static final String TOOL_NOT_FOUND = "Tool not found: ";
    private static final String METHOD_NOT_FOUND = "Method not found: ";

    private static final Logger log = LoggerFactory.getLogger(GuardedHandler.class);

    private final McpStatelessServerHandler delegate;

    GuardedHandler(McpStatelessServerHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
        String shapeProblem = McpParamsChecks.shapeProblem(request.params());
        if (shapeProblem != null) {
            return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, shapeProblem));
        }
        if (request.method().equals(McpSchema.METHOD_INITIALIZE)
                && !McpParamsChecks.initializeReadable(request.params())) {
            // the SDK reads them unchecked: an exception, answered as an internal error and logged as one
            return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, McpParamsChecks.INITIALIZE_PROBLEM));
        }
        if (request.method().equals(McpSchema.METHOD_TOOLS_LIST) && McpParamsChecks.hasCursor(request.params())) {
            return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, McpParamsChecks.CURSOR_PROBLEM));
        }
        if (request.method().equals(McpSchema.METHOD_TOOLS_CALL) && !McpParamsChecks.namesATool(request.params())) {
            // the SDK looks up whatever it finds: "Unknown tool: ." for none
            return Mono.just(error(request, ErrorCodes.INVALID_PARAMS, McpParamsChecks.TOOL_NAME_PROBLEM));
        }
        Mono<JSONRPCResponse> response;
        try {
            response = delegate.handleRequest(context, request);
        } catch (RuntimeException e) {
            // on one line: the method is the client's, the parser's message may span lines
            log.debug("Unreadable params for '{}': {}", Echoed.oneLine(request.method(), 200),
                    Echoed.oneLine(String.valueOf(e.getMessage()), 1_000));
            return Mono.just(error(request, ErrorCodes.INVALID_PARAMS,
                    "Invalid params for " + request.method() + ": the params object does not match the method"));
        }
        return response.map(r -> !isInternalError(r) ? clippingUnknownMethod(namingUnknownTool(r))
                : request.method().equals(McpSchema.METHOD_INITIALIZE) ? initializeParamsUnreadable(request, r)
                : sanitized(request, r));
    }

    /** The SDK repeats an unknown method's name whole: "Method not found: " and up to the body's size limit. */
    private static JSONRPCResponse clippingUnknownMethod(JSONRPCResponse response) {
        JSONRPCResponse.JSONRPCError error = response.error();
        if (error == null || error.code() != ErrorCodes.METHOD_NOT_FOUND || error.message() == null
                || !error.message().startsWith(METHOD_NOT_FOUND)
                || error.message().length() <= METHOD_NOT_FOUND.length() + McpParamsChecks.ECHOED_NAME) {
            return response;
        }
        return JSONRPCResponse.error(response.id(), new JSONRPCResponse.JSONRPCError(error.code(),
                METHOD_NOT_FOUND + Echoed.clip(error.message().substring(METHOD_NOT_FOUND.length()),
                        McpParamsChecks.ECHOED_NAME), error.data()));
    }

    /** The SDK answers an unknown tool with the placeholder message "Unknown tool: invalid_tool_name". */
    private static JSONRPCResponse namingUnknownTool(JSONRPCResponse response) {
        JSONRPCResponse.JSONRPCError error = response.error();
        if (error != null && error.code() == ErrorCodes.INVALID_PARAMS && error.data() instanceof String data
                && data.startsWith(TOOL_NOT_FOUND)) {
            String name = Echoed.clip(data.substring(TOOL_NOT_FOUND.length()), McpParamsChecks.ECHOED_NAME);
            return JSONRPCResponse.error(response.id(), new JSONRPCResponse.JSONRPCError(error.code(),
                    "Unknown tool: " + name + ". tools/list gives the available tools.", null));
        }
        return response;
    }

    @Override
    public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
        if (!notification.method().equals(McpSchema.METHOD_NOTIFICATION_INITIALIZED)) {
            // the SDK logs a WARN for each notification it has no handler for: one a client may send at will
            log.debug("Notification '{}' ignored", notification.method());
            return Mono.empty();
        }
        try {
            return delegate.handleNotification(context, notification).onErrorResume(e -> Mono.empty());
        } catch (RuntimeException e) {
            return Mono.empty(); // a notification has no answer to put an error in
        }
    }

    private static boolean isInternalError(JSONRPCResponse response) {
        return response.error() != null && response.error().code() == ErrorCodes.INTERNAL_ERROR;
    }

    /** Initializing reads the params and answers them back: what fails there is the caller's params. */
    private static JSONRPCResponse initializeParamsUnreadable(McpSchema.JSONRPCRequest request,
            JSONRPCResponse response) {
        log.debug("Unreadable params for 'initialize': {}", response.error().message());
        return error(request, ErrorCodes.INVALID_PARAMS, McpParamsChecks.INITIALIZE_PROBLEM);
    }

    private static JSONRPCResponse sanitized(McpSchema.JSONRPCRequest request, JSONRPCResponse response) {
        log.error("Request '{}' failed: {}", request.method(), response.error().message());
        return error(request, ErrorCodes.INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE);
    }

    private static JSONRPCResponse error(McpSchema.JSONRPCRequest request, int code, String message) {
        return JSONRPCResponse.error(request.id(), new JSONRPCResponse.JSONRPCError(code, message, null));
    }
}
