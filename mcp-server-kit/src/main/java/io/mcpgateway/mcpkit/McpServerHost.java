package io.mcpgateway.mcpkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson3;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running stateless MCP server: {@code POST /mcp} (Streamable HTTP through the MCP Java SDK) and {@code GET /health}
 * on one Jetty server, with Host/Origin validation, a request size limit, safe error bodies and graceful shutdown.
 * Both restaurant servers are hosted by this class; neither repeats any of it.
 */
public final class McpServerHost implements AutoCloseable {

    public static final String MCP_PATH = "/mcp";
    /** The meters in Prometheus's text format; {@code /metrics} is the original's JSON document. */
    public static final String PROMETHEUS_PATH = "/metrics/prometheus";

    private static final Logger log = LoggerFactory.getLogger(McpServerHost.class);
    /**
     * How long a kept-alive connection may stay idle: longer than the gateway's pool keeps one (30 s by default), so
     * that the gateway, not the server, closes an idle connection. With both at Jetty's 30 s the server closed first,
     * and a call sent on the connection as its close was on the way failed for nothing.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(75);

    /**
     * Connections the kernel holds before they are accepted, as the gateway's listening socket and nginx (the kernel
     * caps it at {@code net.core.somaxconn}): Jetty's default of 50 overflows when a gateway opens many connections at
     * once, and one past it waits a second or more for its SYN to be sent again.
     */
    static final int BACKLOG = 511;
    /**
     * The slowest a request body may arrive (Jetty's minimum request data rate), cut off below with 408: a body
     * trickled in (a byte every few seconds, each one restarting the idle timeout) would otherwise hold its request,
     * and a thread, for as long as the client likes.
     */
    static final int MIN_BODY_BYTES_PER_SECOND = 1024;

    private final ServerIdentity identity;
    private final Javalin app;
    private final McpStatelessSyncServer mcpServer;
    private final HttpServletStatelessServerTransport transport;
    private final ToolResultCache cache;
    private final ServerMetrics metrics;

    private McpServerHost(ServerIdentity identity, Javalin app, McpStatelessSyncServer mcpServer,
            HttpServletStatelessServerTransport transport, ToolResultCache cache, ServerMetrics metrics) {
        this.identity = identity;
        this.app = app;
        this.mcpServer = mcpServer;
        this.transport = transport;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * The data behind the tools changed: results kept for {@link ResultCaching#BY_ARGUMENTS} tools are forgotten,
     * and one computed from the old data while this runs is never answered.
     */
    public void forgetCachedResults() {
        cache.forgetAll();
    }

    /**
     * Starts a server with the given tools.
     *
     * @param translator which of the tools' own exceptions are input errors
     * @param health what {@code /health} reports, asked on every call
     */
    public static McpServerHost start(McpServerConfig config, ServerIdentity identity, List<ToolDefinition> tools,
            ToolErrorTranslator translator, Supplier<HealthReport> health, JsonMapper mapper, Clock clock) {
        ServerMetrics metrics = new ServerMetrics();
        try {
            return start(config, identity, tools, translator, health, mapper, clock, metrics);
        } catch (RuntimeException | Error e) {
            metrics.close(); // a start that failed (a port taken) keeps no collection listener, nor its registry
            throw e;
        }
    }

    private static McpServerHost start(McpServerConfig config, ServerIdentity identity, List<ToolDefinition> tools,
            ToolErrorTranslator translator, Supplier<HealthReport> health, JsonMapper mapper, Clock clock,
            ServerMetrics metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(health, "health");
        ServerTransportSecurityValidator hostAndOrigin = OneOriginValidator.of(config.allowedHosts(),
                config.allowedOrigins());
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(mapper))
                .messageEndpoint(MCP_PATH)
                .securityValidator(hostAndOrigin)
                .maxRequestSize(config.maxRequestBytes())
                .build();
        ToolResults results = new ToolResults(mapper, clock);
        ToolResultCache cache = new ToolResultCache(mapper, ToolResultCache.DEFAULT_MAX_BYTES);
        Map<String, GuardedToolCall> calls = new LinkedHashMap<>();
        tools.forEach(t -> calls.put(t.name(), new GuardedToolCall(t, results, translator, cache, metrics)));
        McpStatelessSyncServer mcpServer = McpServer.sync(new GuardedTransport(transport))
                .serverInfo(identity.name(), identity.version())
                .instructions(identity.instructions())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // Tools check their own arguments, so a wrong one gets a message naming it in the tool's envelope.
                .validateToolInputs(false)
                .jsonSchemaValidator(new OwnOutputValidator(mapper))
                // Requests already run on their own virtual thread; no need to hop to a Reactor pool.
                .immediateExecution(true)
                .tools(tools.stream()
                        .map(t -> new SyncToolSpecification(t.tool(), calls.get(t.name())))
                        .toList())
                .build();
        Instant started = clock.instant();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jsonMapper(new JavalinJackson3(mapper, true));
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND));
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(config.shutdownTimeout().toMillis());
                server.addBean(new LoggedConnectionLimit(config.maxConnections(), // its connectors, at start
                        "--max-connections or MCP_MAX_CONNECTIONS", server));
                server.setErrorHandler(new JsonRpcErrorPages(mapper));
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) { // Javalin has made its connector by then
                        for (Connector connector : server.getConnectors()) {
                            if (connector instanceof ServerConnector listening) {
                                listening.setAcceptQueueSize(BACKLOG);
                            }
                        }
                    }
                });
            });
            cfg.jetty.modifyServletContextHandler(handler -> {
                // Filters run in the order added: every answer is counted and gets the request's id (the pages
                // beside /mcp too), Host and Origin are checked first (DNS-rebinding protection), requests of MCP
                // 2026-07-28 are checked and put in the SDK's terms, the version check answers by itself, bodies
                // the SDK would read altered are refused, the SDK's answers are made safe.
                handler.addFilter(new FilterHolder(metrics.answerCounter()), MCP_PATH,
                        EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new RequestIdFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new HostAndOriginFilter(hostAndOrigin, mapper,
                        config.maxRequestBytes())), MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new ModernEraFilter(identity, transport.protocolVersions(),
                        inputSchemas(tools, mapper), mapper, config.maxRequestBytes())), MCP_PATH,
                        EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new ProtocolVersionFilter(transport.protocolVersions(), mapper,
                        config.maxRequestBytes())), MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new StrictBodyFilter(mapper, config.maxRequestBytes())), MCP_PATH,
                        EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new SafeErrorFilter(mapper, config.maxRequestBytes())), MCP_PATH,
                        EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new CachedToolCallFilter(cacheableCalls(calls), mapper,
                        config.maxRequestBytes())), MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
                handler.addServlet(new ServletHolder(transport), MCP_PATH);
            });
            IgnoredHeaders.enable(cfg);
            cfg.routes.get("/health", ctx -> renderHealth(ctx, identity, health.get(), started, clock));
            List<String> toolNames = tools.stream().map(ToolDefinition::name).toList();
            cfg.routes.get("/metrics", ctx -> ctx.json(status(identity, toolNames, clock)));
            cfg.routes.get(PROMETHEUS_PATH, ctx -> ctx.contentType(ServerMetrics.PROMETHEUS_CONTENT_TYPE)
                    .result(metrics.scrape()));
            cfg.routes.error(404, ctx -> ctx.json(Map.of("error", "Not found",
                    "message", "This MCP server answers POST " + MCP_PATH + ", GET /health, GET /metrics and GET "
                    + PROMETHEUS_PATH)));
            // a known path asked with another method: 405 naming the one it takes (RFC 9110 §15.5.6), not 404
            cfg.http.prefer405over404 = true;
            cfg.routes.error(405, ctx -> ctx.header("Allow", "GET").json(Map.of("error", "Method not allowed",
                    "message", ctx.path() + " answers GET only")));
        });
        app.start(config.bindHost(), config.port());
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector idle) {
                idle.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                idle.addManaged(new HeaderDeadline(idle, HeaderDeadline.DEFAULT));
            }
        }
        log.info("MCP server '{}' {} listening on http://{}:{}{} with {} tools", identity.name(), identity.version(),
                config.bindHost(), app.port(), MCP_PATH, tools.size());
        return new McpServerHost(identity, app, mcpServer, transport, cache, metrics);
    }

    /** Each tool's input schema as JSON, by its name: for the arguments it mirrors into headers (MCP 2026-07-28). */
    @SuppressWarnings("unchecked") // a JSON object is read as a map with string keys
    private static Map<String, Map<String, Object>> inputSchemas(List<ToolDefinition> tools, JsonMapper mapper) {
        Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
        tools.forEach(t -> schemas.put(t.name(), mapper.convertValue(t.tool().inputSchema(), Map.class)));
        return schemas;
    }

    private static Map<String, GuardedToolCall> cacheableCalls(Map<String, GuardedToolCall> calls) {
        Map<String, GuardedToolCall> cacheable = new LinkedHashMap<>(calls);
        cacheable.values().removeIf(call -> !call.cachesByArguments());
        return cacheable;
    }

    /** {@code GET /metrics}: the original reasoning server's document (REFERENCE-SPEC 3.1), for either server. */
    private static Map<String, Object> status(ServerIdentity identity, List<String> toolNames, Clock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mcp_server_status", "running");
        body.put("server_type", identity.serverType());
        body.put("available_tools", toolNames);
        body.put("tool_count", toolNames.size());
        body.putAll(identity.settings());
        body.put("timestamp", clock.instant().toString());
        return body;
    }

    private static void renderHealth(Context ctx, ServerIdentity identity, HealthReport report, Instant started,
            Clock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().wireName());
        body.put("server", identity.name());
        body.put("version", identity.version());
        body.put("timestamp", clock.instant().toString());
        body.put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
        body.putAll(report.details());
        ctx.status(report.status().httpStatus()).json(body);
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** How long its connections may stay idle, as its connector applies it. */
    Duration connectionIdleTimeout() {
        return Duration.ofMillis(app.jettyServer().server().getConnectors()[0].getIdleTimeout());
    }

    public ServerIdentity identity() {
        return identity;
    }

    /**
     * Stops accepting requests, lets in-flight ones finish within the configured shutdown timeout, then stops; what
     * has not finished by then is cut off, which is logged, not thrown: the server is stopped either way.
     */
    @Override
    public void close() {
        log.info("MCP server '{}' stopping", identity.name());
        try {
            transport.closeGracefully().block();
            GracefulStop.stop(app, "MCP server '" + identity.name() + "'", log);
            mcpServer.close();
        } finally {
            metrics.close();
        }
    }
}
