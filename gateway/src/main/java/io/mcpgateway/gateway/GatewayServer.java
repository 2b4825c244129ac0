package io.mcpgateway.gateway;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Ticker;

import io.javalin.Javalin;
import io.mcpgateway.gateway.auth.AuthCheckRoutes;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.IssuerKeys;
import io.mcpgateway.gateway.auth.JwtVerifier;
import io.mcpgateway.gateway.backend.BackendConnections;
import io.mcpgateway.gateway.backend.BackendCredentials;
import io.mcpgateway.gateway.backend.BackendEventStream;
import io.mcpgateway.gateway.backend.BackendResilience;
import io.mcpgateway.gateway.backend.DirectToolInvoker;
import io.mcpgateway.gateway.backend.McpBackendClient;
import io.mcpgateway.gateway.backend.ResilientToolInvoker;
import io.mcpgateway.gateway.backend.ToolInvoker;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigRoutes;
import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.config.ReloadOutcome;
import io.mcpgateway.gateway.config.ServerSettings;
import io.mcpgateway.gateway.error.ErrorRenderer;
import io.mcpgateway.gateway.health.BackendHealthMonitor;
import io.mcpgateway.gateway.health.BackendState;
import io.mcpgateway.gateway.health.BackendSummaryRoutes;
import io.mcpgateway.gateway.health.Drain;
import io.mcpgateway.gateway.health.HealthRoutes;
import io.mcpgateway.gateway.http.AccessLog;
import io.mcpgateway.gateway.http.AdoptingConnector;
import io.mcpgateway.gateway.http.GzipAnswers;
import io.mcpgateway.gateway.http.InFlightRequests;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.http.ListeningSocket;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.mcp.BatchLimits;
import io.mcpgateway.gateway.mcp.McpRoutes;
import io.mcpgateway.gateway.mcp.McpWiring;
import io.mcpgateway.gateway.metrics.MetricsRoutes;
import io.mcpgateway.gateway.metrics.RecentRequestRoutes;
import io.mcpgateway.gateway.metrics.RecentRequests;
import io.mcpgateway.gateway.openapi.DocsRoutes;
import io.mcpgateway.gateway.openapi.OpenApiDocument;
import io.mcpgateway.gateway.openapi.OpenApiRoutes;
import io.mcpgateway.gateway.openapi.ServiceIndexRoutes;
import io.mcpgateway.gateway.openapi.SwaggerUiAssets;
import io.mcpgateway.gateway.ratelimit.RateLimitGuard;
import io.mcpgateway.gateway.ratelimit.RateLimitStatus;
import io.mcpgateway.gateway.ratelimit.RateLimits;
import io.mcpgateway.gateway.routes.RestRoutes;
import io.mcpgateway.gateway.status.StatusRoutes;
import io.mcpgateway.gateway.status.TrafficHistory;
import io.mcpgateway.gateway.toolmeta.ArgumentSchemaValidator;
import io.mcpgateway.gateway.toolmeta.ToolAggregationRoutes;
import io.mcpgateway.gateway.toolmeta.ToolGuidanceCatalog;
import io.mcpgateway.gateway.toolmeta.ToolListRpcRoutes;
import io.mcpgateway.gateway.toolmeta.ToolMetadataRoutes;
import io.mcpgateway.gateway.toolmeta.ToolPinRoutes;
import io.mcpgateway.gateway.toolmeta.ToolPins;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;
import io.mcpgateway.json.JsonCursor;
import io.mcpgateway.mcpkit.GracefulStop;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Wires the gateway from its configuration and runs it; the composition root of everything in this module. */
public final class GatewayServer implements AutoCloseable {

    /**
     * How long a gateway replaced by a reload goes on answering its open connections, each answer closing its own, so
     * keep-alive clients move to the new gateway on their next request rather than meet a connection closed under it.
     */
    private static final Duration RETIRE_DRAIN = Duration.ofSeconds(2);
    /** How many of the requests a stop cuts off its warning names (the longest-running). */
    private static final int CUT_OFF_NAMED = 10;

    public static final String VERSION = "1.0.0";

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final Javalin app;
    private final ListeningSocket socket;
    private final AdoptingConnector connector;
    private final OpenResources resources;
    private final ToolPins pins;
    private final Drain drain;
    private final LastingState lasting;
    private final Handover handover;
    /** Binds the meters that read this gateway's own objects (connection pools, circuit breakers). */
    private final Runnable bindMeters;
    /** Its MCP endpoint, whose subscription streams a reload ends first. */
    private final McpRoutes mcp;
    /** What the gateway this one replaces hands over at {@link #takeOver}; null once taken, or when none. */
    private Handover replaced;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayServer(Javalin app, ListeningSocket socket, AdoptingConnector connector, OpenResources resources,
            ToolPins pins, Drain drain, LastingState lasting, Handover handover, Runnable bindMeters, McpRoutes mcp,
            Handover replaced) {
        this.app = app;
        this.socket = socket;
        this.connector = connector;
        this.resources = resources;
        this.pins = pins;
        this.drain = drain;
        this.lasting = lasting;
        this.handover = handover;
        this.bindMeters = bindMeters;
        this.mcp = mcp;
        this.replaced = replaced;
    }

    /** Starts a gateway whose {@code POST /config/reload} finds its configuration unchanged: it has no file. */
    public static GatewayServer start(GatewayConfig config, JsonMapper mapper, Clock clock) {
        return start(config, ConfigSource.fixed(config), ReloadOutcome.Unchanged::new, null, Cancellation.NONE, mapper,
                clock);
    }

    /**
     * Starts a gateway; one that fails to start closes all it had opened.
     *
     * @param source where {@code config} came from, read again by {@code /config/validate/all}
     * @param reloader what {@code POST /config/reload} runs (see {@link ReloadingGateway})
     * @param predecessor the gateway this one replaces on a reload, still serving (null on a first start): this one
     *     shares its listening socket when it listens at the same address, keeps its tools' first-seen pins (a changed
     *     tool stays held), its {@link LastingState} and what of its {@link Handover} the new configuration allows, and
     *     is ready before it serves (the issuer's keys fetched, the backends probed)
     * @param cancellation cuts the start short where it waits on the network
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    static GatewayServer start(GatewayConfig config, ConfigSource source, Supplier<ReloadOutcome> reloader,
            GatewayServer predecessor, Cancellation cancellation, JsonMapper mapper, Clock clock) {
        Objects.requireNonNull(config, "config");
        OpenResources resources = new OpenResources();
        LastingState lasting = predecessor != null ? predecessor.lasting : LastingState.startingNow(clock);
        try {
            return start(config, source, reloader, predecessor, cancellation, resources, lasting, mapper, clock);
        } catch (RuntimeException | Error e) {
            resources.close();
            if (predecessor == null) {
                lasting.processMeters().close();
            }
            throw e;
        }
    }

    private static GatewayServer start(GatewayConfig config, ConfigSource source, Supplier<ReloadOutcome> reloader,
            GatewayServer predecessor, Cancellation cancellation, OpenResources resources, LastingState lasting,
            JsonMapper mapper, Clock clock) {
        // the client's executor is the gateway's to shut down (after the client: last in, first out)
        ExecutorService httpWork = Executors.newVirtualThreadPerTaskExecutor();
        resources.add(httpWork::shutdown);
        HttpClient http = resources.add(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(config.backends().stream().map(BackendSettings::connectTimeout)
                        .max(Duration::compareTo).orElse(BackendSettings.DEFAULT_CONNECT_TIMEOUT))
                .executor(httpWork)
                .build());
        List<BackendSettings> enabled = config.backends().stream().filter(BackendSettings::enabled).toList();
        List<String> disabled = config.backends().stream().filter(b -> !b.enabled()).map(BackendSettings::name)
                .toList();
        Map<String, BackendCredentials> credentials = new LinkedHashMap<>();
        enabled.forEach(b -> credentials.put(b.name(), BackendCredentials.of(b.name(), b.credentials(), http, mapper,
                clock)));
        List<McpBackendClient> backends = enabled.stream().map(b -> resources.add(new McpBackendClient(b,
                new BackendConnections(b), credentials.get(b.name()), mapper))).toList();
        PrometheusMeterRegistry prometheus = lasting.prometheus();
        GatewayMetrics metrics = lasting.metrics();
        ToolPins pins = new ToolPins(config.tools(), mapper, clock, metrics::toolDefinitionChange,
                metrics::toolListed, metrics::toolForgotten);
        if (predecessor != null) {
            pins.remember(predecessor.pins.firstSeen());
        }
        ToolRegistry registry = resources.add(new ToolRegistry(backends, pins, mapper, clock));
        Handover before = predecessor != null ? predecessor.handover : null;
        if (before != null) {
            // a backend down while the configuration reloads keeps the tools it listed last, as it does without one
            registry.keepListingsOf(before.registry(), before.unchangedBackendsIn(config));
        }
        BackendHealthMonitor monitor = resources.add(new BackendHealthMonitor(enabled, config.health(), http, registry,
                mapper, clock));
        IssuerKeys issuerKeys = new IssuerKeys(config.auth(), http, mapper, clock);
        if (before != null) {
            issuerKeys.continueFrom(before.issuerKeys());
        }
        monitor.alsoEachRound(issuerKeys::probe);
        BearerAuthenticator authenticator = new BearerAuthenticator(
                new JwtVerifier(config.auth(), config.mcp().resourceUrl(), issuerKeys, clock), metrics);
        ErrorRenderer errors = new ErrorRenderer(clock, config.server().maxRequestBytes());
        TrafficHistory traffic = lasting.traffic();
        RecentRequests recent = lasting.recent();
        AccessLog accessLog = new AccessLog(metrics, traffic, recent);
        InFlightRequests inFlight = new InFlightRequests();
        BackendResilience resilience = new BackendResilience(enabled, config.resilience(), registry, metrics, clock);
        monitor.onBackendBack(resilience::backendBack);
        RateLimits limits = resources.add(RateLimits.open(config.rateLimits(), metrics, clock,
                before != null ? before.rateLimits() : null));
        AtomicReference<AdoptingConnector> connector = new AtomicReference<>(); // made with the server, below
        AtomicReference<McpRoutes> mcpEndpoint = new AtomicReference<>(); // made below, bound after
        Runnable bindMeters = () -> {
            backends.forEach(b -> metrics.backendConnections(b.name(), b.connections()::openConnections,
                    b.connections()::activeConnections));
            resilience.bindTo(prometheus);
            metrics.clientConnections(() -> connector.get() == null ? 0 : connector.get().openConnections(),
                    config.server().maxConnections());
            metrics.requestsInFlight(inFlight::count);
            metrics.mcpSubscriptions(() -> mcpEndpoint.get() == null ? 0 : mcpEndpoint.get().openSubscriptions());
            metrics.rateLimitStore(limits, l -> RateLimitStatus.STORE_REDIS.equals(l.status().store()),
                    l -> l.status().fallbacks());
            enabled.forEach(b -> metrics.backendUp(b.name(), monitor, m -> m.states().get(b.name()).isHealthy()));
            enabled.forEach(b -> metrics.backendServing(b.name(), monitor,
                    m -> HealthRoutes.serves(m.states().get(b.name()), resilience.circuitBreakerState(b.name())),
                    m -> m.states().get(b.name()).reportsDegraded()));
            metrics.identityProviderKeys(issuerKeys, k -> k.status().keys(), IssuerKeys.Status.KEY_STATES);
        };
        if (predecessor == null) {
            bindMeters.run(); // on a reload, once the new gateway is adopted: takeOver
        }
        if (before != null) {
            // the open breakers are taken over at takeOver: the replaced gateway serves until then
            monitor.keepStatesOf(before.monitor(), before.unchangedBackendsIn(config));
        }
        ToolInvoker invoker = new ResilientToolInvoker(new DirectToolInvoker(backends, metrics), resilience, metrics,
                clock);
        RateLimitGuard rateLimits = limits.guard();
        // the same cache object: its settings are unchanged, and its meters are the process's (LastingState)
        ResponseCache kept = before != null ? before.cacheFor(config) : null;
        ResponseCache cache = kept != null ? kept : new ResponseCache(config.cache(), mapper, metrics,
                Ticker.systemTicker(), clock);
        JsonBodyReader bodies = new JsonBodyReader(mapper, config.server().maxRequestBytes());
        // compressed tool answers are about a sixth of their size: a quarter of the cache's bound keeps them all
        GzipAnswers gzip = new GzipAnswers(config.server().gzipLevel(), config.cache().maxBytes() / 4);
        ArgumentSchemaValidator schemas = new ArgumentSchemaValidator(mapper);
        RestRoutes rest = new RestRoutes(config.routes(), invoker, cache, rateLimits, registry, authenticator, bodies,
                gzip, schemas, disabled, clock);
        Map<String, List<String>> backendScopes = new LinkedHashMap<>();
        config.backends().forEach(b -> backendScopes.put(b.name(), b.requiredScopes()));
        McpRoutes mcp = new McpRoutes(new McpWiring(registry, config.routes(), backendScopes,
                config.rateLimits().routes().keySet(), config.mcp(), invoker,
                cache, rateLimits, authenticator, bodies, gzip, schemas, config.auth().issuer(), VERSION,
                BatchLimits.of(config.backends()), config.tools().refreshInterval(), clock));
        mcpEndpoint.set(mcp);
        StatusRoutes status = new StatusRoutes(traffic, monitor, resilience::circuitBreakerState, clock);
        Drain drain = new Drain(config.server().drain());
        HealthRoutes health = new HealthRoutes(monitor, disabled, limits::status, resilience::circuitBreakerState,
                issuerKeys::status, drain, config.health(), VERSION, lasting.started(), clock);
        MetricsRoutes metricsRoutes = new MetricsRoutes(metrics, prometheus, VERSION, lasting.started(), clock);
        ToolGuidanceCatalog guidance = ToolGuidanceCatalog.bundled(mapper);
        ToolMetadataRoutes toolMetadata = new ToolMetadataRoutes(registry, config.routes(), config.rateLimits(),
                guidance, metrics, VERSION, clock);
        OpenApiRoutes openApi = new OpenApiRoutes(new OpenApiDocument(config.routes(), registry, guidance, VERSION,
                mapper));
        DocsRoutes docs = new DocsRoutes(SwaggerUiAssets.fromClasspath(), OpenApiRoutes.PATH);
        ToolPinRoutes pinRoutes = new ToolPinRoutes(pins, clock);
        AuthCheckRoutes authCheck = new AuthCheckRoutes(authenticator, config.auth().issuer(), clock);
        ServiceIndexRoutes index = new ServiceIndexRoutes(config.routes(), VERSION);
        BackendSummaryRoutes backendSummary = new BackendSummaryRoutes(monitor, clock);
        RecentRequestRoutes recentRoutes = new RecentRequestRoutes(recent);
        ToolAggregationRoutes aggregation = new ToolAggregationRoutes(registry, authenticator, bodies, clock);
        ToolListRpcRoutes toolListRpc = toolMetadata.toolListRpc(authenticator, bodies);
        ConfigRoutes configRoutes = new ConfigRoutes(config, source, reloader, authenticator, bodies,
                name -> monitor.states().get(name), registry::toolNamesOf, registry::whyLeftOut, clock);

        // bound before the keys, listings and probes, so that a port taken or an address not of this host stops a
        // start at once; connections wait in its backlog until the gateway serves
        AtomicReference<ListeningSocket> socket = new AtomicReference<>(listeningSocket(config.server(), predecessor));
        AtomicBoolean releasedWithTheServer = new AtomicBoolean();
        resources.add(() -> {
            if (!releasedWithTheServer.get()) { // a start that failed before its server was set up to release it
                socket.get().release();
            }
        });
        Javalin app = HttpFront.create(config.server(), mapper, clock, accessLog, inFlight, drain, socket::get,
                connector, List.of(errors::register, health::register, status::register, metricsRoutes::register,
                        backendSummary::register, recentRoutes::register, toolMetadata::register, pinRoutes::register,
                        aggregation::register, toolListRpc::register, configRoutes::register, openApi::register,
                        docs::register, index::register, authCheck::register, rest::register, mcp::register));
        try (ExecutorService firstKeys = Executors.newVirtualThreadPerTaskExecutor()) {
            if (predecessor == null) {
                // the first fetch of the issuer's keys beside the tool listing, and serving once both are done: ready
                // from its first request, unless the issuer is out of reach (then /health says so, and each round of
                // probes tries again); a reload loads them below, where their failure stops it
                firstKeys.submit(issuerKeys::probe);
            }
            cancellation.waitOn(registry::refreshAll);
        }
        if (predecessor == null) {
            // an issuer out of reach is waited for; one that answers under another name never lets a token through
            issuerKeys.misnamed().ifPresent(problem -> {
                throw new ConfigException("auth.issuer (OIDC_ISSUER_URL, or from COGNITO_USER_POOL_ID) is not the"
                        + " issuer's own name: " + problem);
            });
        }
        registry.refreshEvery(config.tools().refreshInterval());
        if (predecessor != null) {
            // the predecessor serves until this one is ready: with the keys to verify tokens and backends' health
            cancellation.waitOn(() -> {
                issuerKeys.load();
                monitor.probeAll();
            });
            monitor.startAfterProbing();
        } else {
            monitor.start();
        }
        resources.add(() -> GracefulStop.stop(app, "Gateway", log, () -> inFlight.describe(CUT_OFF_NAMED)));
        // before the server waits for the requests in flight: a subscription's stream lasts until it is ended
        resources.add(() -> mcp.endSubscriptions(false));
        // released before the server stops (closed resources go last in, first out): a stop closes the socket at
        // once, so new connections are refused while requests in flight finish, not kept waiting in its backlog
        resources.add(socket.get()::release);
        releasedWithTheServer.set(true);
        app.start();
        // Last, once nothing can fail the start: a stream stopped while it connects leaves its socket open (Jetty's
        // client, stopped during a connect), and a reload failing on the issuer's keys or a port taken did that.
        backends.forEach(b -> resources.add(new BackendEventStream(b, () -> registry.refreshSoon(b.name()),
                () -> registry.refreshSubscribed(b.name())).start()));
        int routes = config.routes().size();
        log.info("Gateway listening on http://{}:{} with {} route{} over backends {}; JSON skipping: {}",
                config.server().host(), app.port(), routes, routes == 1 ? "" : "s",
                config.backends().stream().map(BackendSettings::name).toList(), JsonCursor.skipping());
        GatewayServer gateway = new GatewayServer(app, socket.get(), connector.get(), resources, pins, drain, lasting,
                new Handover(config, limits, cache, resilience, monitor, issuerKeys, registry), bindMeters, mcp,
                before);
        if (predecessor == null) {
            socket.get().serveWith(connector.get()); // on a reload, once the new gateway is adopted: takeOver
        }
        return gateway;
    }

    /**
     * The predecessor's socket when it listens where this gateway is configured to (connections go on being accepted
     * throughout the reload, none is reset), else one of its own.
     */
    private static ListeningSocket listeningSocket(ServerSettings settings, GatewayServer predecessor) {
        if (predecessor != null && predecessor.socket.listensAt(settings.host(), settings.port())) {
            predecessor.socket.share();
            return predecessor.socket;
        }
        return ListeningSocket.bind(settings.host(), settings.port());
    }

    public int port() {
        return app.port();
    }

    /** The last probe result of each backend in service, in configuration order. */
    Map<String, BackendState> backendStates() {
        return handover.monitor().states();
    }

    /** Drains (server.drain_ms), stops accepting, lets in-flight requests finish, then stops probing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        drain.run();
        // the process stops: new connections are refused now, even while a gateway a reload replaced a moment ago
        // still holds its share of the socket for its own drain
        socket.close();
        stopServing();
        lasting.processMeters().close();
    }

    /**
     * Puts this gateway, started by a reload, in service: it takes the open circuit breakers of the one it replaces,
     * new connections come to it, and the shared meters read its connection pools and circuit breakers instead of
     * those of the one it replaces. Called once it is adopted, so that a reload that fails leaves the running gateway
     * alone.
     */
    void takeOver() {
        if (replaced != null) {
            // the replaced gateway served while this one got ready (tool lists, keys, probes: seconds): a breaker it
            // opened meanwhile must be open here too, or a failing backend is called at full rate again
            handover.resilience().keepOpenBreakersOf(replaced.resilience(),
                    replaced.unchangedBackendsIn(handover.config()));
            replaced = null; // nothing of the replaced gateway is kept alive by this one
        }
        socket.serveWith(connector);
        lasting.metrics().releaseBoundMeters();
        bindMeters.run();
    }

    /**
     * New connections no longer come to this gateway: after a reload's {@link #takeOver} they go to the new one
     * already; on a socket of its own (a reload that changed the port, or a stop) they wait in its backlog until it
     * closes. Called before the reload answers, so that the caller's next connection meets the new gateway.
     */
    void stopAccepting() {
        socket.stopServingWith(connector);
    }

    /**
     * The rest of the hand-over, after {@link #stopAccepting}: answers on open connections for a moment longer while
     * closing them, then stops with the requests in flight finished.
     */
    void retire() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopAccepting();
        mcp.endSubscriptions(true); // their clients subscribe again, to the new gateway
        drain.handOver(RETIRE_DRAIN);
        stopServing();
    }

    /** Stops a gateway a reload started but did not put in service (the gateway was stopping): no drain. */
    void discard() {
        if (closed.compareAndSet(false, true)) {
            stopServing();
        }
    }

    /** Stops the server (in-flight requests finish), then what it used: streams, limits, probes, pools. */
    private void stopServing() {
        log.info("Gateway stopping");
        stopAccepting();
        resources.close();
    }
}
