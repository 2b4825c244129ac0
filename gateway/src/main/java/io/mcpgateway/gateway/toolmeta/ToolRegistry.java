package io.mcpgateway.gateway.toolmeta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.backend.BackendFailure;
import io.mcpgateway.gateway.backend.McpBackendClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools every backend offers, taken live from their {@code tools/list}. One registry feeds the REST routes (input
 * schemas), the OpenAPI document, {@code /tools/metadata} and the gateway's {@code /mcp}. Lists are read at start-up,
 * periodically, when a backend recovers ({@link #refreshRecovered}), refuses a call's tool or arguments or says
 * {@code notifications/tools/list_changed}, at every health probe of a backend without a health page, and on demand
 * when a REST route's tool is not known yet ({@link #find}; not more often than every few seconds when requests keep
 * asking). A tool name that {@code /mcp} does
 * not know asks no backend (a name need not say whose it is): a new tool shows there after one of the other readings.
 * Every listed definition is checked against its pin ({@link ToolPins}); a held tool is not served.
 */
public final class ToolRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);
    private static final Duration MIN_ON_DEMAND_REFRESH = Duration.ofSeconds(2);
    /** Readings for refused calls, which any caller can bring about, are rarer. */
    private static final Duration MIN_REFUSAL_REFRESH = Duration.ofSeconds(30);
    /** Pages of one listing followed at most: a cursor that never ends is a backend gone wrong. */
    private static final int MAX_PAGES = 50;
    /** A backend's "my list changed" is logged at INFO at most this often. */
    private static final Duration CHANGE_LOG_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, McpBackendClient> backends;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Map<String, List<BackendTool>> toolsByBackend = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRefusalReading = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastListed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lastAnswered = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final Map<String, List<String>> lastLeftOut = new ConcurrentHashMap<>();
    /** By backend: the tools it lists whose name could be served but not their definition, and why. */
    private final Map<String, Map<String, String>> leftOutByName = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> refreshing = new ConcurrentHashMap<>();
    private final Set<String> refreshPending = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> lastChangeLogged = new ConcurrentHashMap<>();
    private final ToolPins pins;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tool-refresh").daemon().factory());

    public ToolRegistry(List<McpBackendClient> backends, ToolPins pins, JsonMapper mapper, Clock clock) {
        this.backends = new java.util.LinkedHashMap<>();
        backends.forEach(b -> this.backends.put(b.name(), b));
        this.pins = Objects.requireNonNull(pins, "pins");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        backends.forEach(b -> {
            b.onToolListChanged(() -> refreshSoon(b.name()));
            b.onCallRefused(() -> refreshRefused(b.name()));
            b.useInputSchemas(tool -> known(b.name(), tool).map(BackendTool::inputSchema).orElse(null));
        });
    }

    /**
     * Starts from the listings {@code before} holds of the backends {@code unchanged} accepts (on a configuration
     * reload, those configured as they were), so that one down while the configuration reloads keeps its tools, as a
     * backend that fails a reading does: the next reading that answers replaces them. Call before the first reading.
     */
    public void keepListingsOf(ToolRegistry before, Predicate<String> unchanged) {
        for (String backend : backends.keySet()) {
            List<BackendTool> tools = before.toolsByBackend.get(backend);
            if (tools == null || !unchanged.test(backend)) {
                continue;
            }
            toolsByBackend.put(backend, tools);
            copy(before.lastListed, lastListed, backend);
            copy(before.lastAnswered, lastAnswered, backend);
            copy(before.lastFailure, lastFailure, backend);
            copy(before.lastLeftOut, lastLeftOut, backend);
            copy(before.leftOutByName, leftOutByName, backend);
        }
    }

    private static <V> void copy(Map<String, V> from, Map<String, V> to, String key) {
        V value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }

    /** Reads every backend's list again every {@code interval}. */
    public void refreshEvery(Duration interval) {
        refresher.scheduleWithFixedDelay(this::refreshAll, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * A backend said its list changed: read it again, off the caller's thread, at most once per
     * {@link #MIN_ON_DEMAND_REFRESH} and with one reading pending at a time. A backend that says so in every answer
     * (its tools/list answer included) made a refresh from each refresh's answer: some 1,500 listings a second.
     */
    public void refreshSoon(String backend) {
        if (!refreshPending.add(backend)) {
            log.debug("Backend '{}' says its tool list changed; a reading is pending already", backend);
            return;
        }
        Instant now = clock.instant();
        Instant logged = lastChangeLogged.get(backend);
        if (logged == null || !now.isBefore(logged.plus(CHANGE_LOG_INTERVAL))) {
            lastChangeLogged.put(backend, now);
            log.info("Backend '{}' says its tool list changed", backend);
        } else {
            log.debug("Backend '{}' says its tool list changed", backend); // again: a backend saying it all the time
        }
        readPending(backend, now);
    }

    /**
     * A health probe found the backend serving right after one found it down: a restarted server may offer other
     * tools, and says nothing of it when it has no event stream. Read as {@link #refreshSoon} reads (once per
     * {@link #MIN_ON_DEMAND_REFRESH}, one reading pending), so a flapping backend is not listed at every probe.
     */
    public void refreshRecovered(String backend) {
        readAgainSoon(backend, "is back");
    }

    /**
     * The backend refused a call to a tool it listed as one it does not have or whose arguments it does not take
     * (JSON-RPC -32602): the tool may be gone or changed since the last reading (a redeploy behind a load balancer,
     * which no probe sees). Read as {@link #refreshRecovered} reads, and at most once per {@link #MIN_REFUSAL_REFRESH}.
     */
    private void refreshRefused(String backend) {
        Instant now = clock.instant();
        Instant last = lastRefusalReading.get(backend);
        if (last != null && now.isBefore(last.plus(MIN_REFUSAL_REFRESH))) {
            return; // a caller repeating refused calls is not to make the gateway list a backend's tools each time
        }
        lastRefusalReading.put(backend, now);
        readAgainSoon(backend, "refused a call's tool or arguments");
    }

    /**
     * The gateway subscribed to the backend's list changes anew: one may have come while no subscription was open.
     * Read as {@link #refreshRecovered} reads.
     */
    public void refreshSubscribed(String backend) {
        readAgainSoon(backend, "was subscribed to; a change may have come before");
    }

    private void readAgainSoon(String backend, String why) {
        if (refreshPending.add(backend)) {
            log.debug("Backend '{}' {}: its tools are read again", backend, why);
            readPending(backend, clock.instant());
        }
    }

    /** Reads its list off the caller's thread, {@link #MIN_ON_DEMAND_REFRESH} after the last reading at the soonest. */
    private void readPending(String backend, Instant now) {
        Instant last = lastAttempt.get(backend);
        long delay = last == null ? 0 : Math.max(0, Duration.between(now, last.plus(MIN_ON_DEMAND_REFRESH)).toMillis());
        refresher.schedule(() -> {
            refreshPending.remove(backend);
            refresh(backend);
        }, delay, TimeUnit.MILLISECONDS);
    }

    public ToolPins pins() {
        return pins;
    }

    /** Asks every backend for its tools; a backend that fails keeps what was known of it. */
    public void refreshAll() {
        backends.keySet().forEach(this::refresh);
    }

    /**
     * Asks one backend for its tools, every page of them; true when it answered. One reading of a backend at a time
     * (the periodic refresh, a health probe, a request, {@code POST /tools/aggregation/refresh}): an older answer
     * arriving last must not replace a newer one.
     */
    public boolean refresh(String backend) {
        McpBackendClient client = backends.get(backend);
        if (client == null) {
            return false;
        }
        ReentrantLock turn = refreshing.computeIfAbsent(backend, b -> new ReentrantLock());
        turn.lock();
        try {
            return list(backend, client);
        } finally {
            turn.unlock();
        }
    }

    private boolean list(String backend, McpBackendClient client) {
        lastAttempt.put(backend, clock.instant());
        try {
            ToolListing.Read read = readPages(backend, client);
            List<BackendTool> known = toolsByBackend.getOrDefault(backend, List.of());
            List<BackendTool> tools = new ArrayList<>();
            read.tools().forEach(tool -> tools.add(sameIfUnchanged(known, tool)));
            tools.sort(Comparator.comparing(BackendTool::name));
            tools.forEach(pins::observe);
            pins.forgetUnlisted(backend, tools.stream().map(BackendTool::name).collect(Collectors.toSet()));
            List<BackendTool> previous = toolsByBackend.put(backend, List.copyOf(tools));
            lastListed.put(backend, clock.instant());
            lastAnswered.put(backend, true);
            lastFailure.remove(backend);
            if (previous == null || previous.size() != tools.size()) {
                log.info("Backend '{}' offers {} tools: {}", backend, tools.size(),
                        tools.stream().map(BackendTool::name).toList());
            }
            leftOutByName.put(backend, read.leftOutByName());
            if (!read.leftOut().equals(lastLeftOut.put(backend, read.leftOut())) && !read.leftOut().isEmpty()) {
                log.warn("Backend '{}' lists tools the gateway leaves out: {}", backend, read.leftOut());
            }
            return true;
        } catch (BackendFailure e) {
            failed(backend, "Cannot list the tools of backend '" + backend + "' (" + client.settings().mcpEndpoint()
                    + "): " + e.forLog(), String.valueOf(e.getMessage()));
            return false;
        } catch (ToolListing.Unusable e) {
            failed(backend, "Backend '" + backend + "' listed its tools in a form that cannot be used ("
                    + e.getMessage() + "); the tools listed before stay", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // a listing whose tools cannot be read: the backend's fault, and it must neither stop the gateway's
            // start nor end the periodic refresh (a scheduled task that throws is never run again)
            failed(backend, "Backend '" + backend + "' listed its tools in a form that cannot be read: "
                    + e.getMessage(), "a tool list that cannot be read");
            return false;
        }
    }

    /** Every page of the backend's listing, following {@code nextCursor} (MCP pagination). */
    private ToolListing.Read readPages(String backend, McpBackendClient client) throws BackendFailure {
        ToolListing listing = new ToolListing(backend, mapper);
        String cursor = null;
        for (int page = 1; ; page++) {
            JsonNode result = client.listTools(cursor);
            listing.add(result);
            JsonNode next = result.path("nextCursor");
            if (!next.isString() || next.asString().isEmpty()) {
                return listing.read();
            }
            if (page == MAX_PAGES) {
                throw new ToolListing.Unusable("more than " + MAX_PAGES + " pages");
            }
            cursor = next.asString();
        }
    }

    /**
     * Notes a failed listing; it is logged as a warning when it is news (the last listing answered, or failed for
     * another reason): the health probes ask again every few seconds while it fails.
     */
    private void failed(String backend, String message, String reason) {
        lastAnswered.put(backend, false);
        if (reason.equals(lastFailure.put(backend, reason))) {
            log.debug(message);
        } else {
            log.warn(message);
        }
    }

    /**
     * The instance known already of a tool listed again unchanged, so that what was kept for a tool (the response
     * cache's entries) finds the very same one, without comparing definitions.
     */
    private static BackendTool sameIfUnchanged(List<BackendTool> known, BackendTool listed) {
        for (BackendTool tool : known) {
            if (tool.equals(listed)) {
                return tool;
            }
        }
        return listed;
    }

    /**
     * The tool if it may be served, refreshing its backend once if it is not known yet (for example the backend
     * started late); empty for a tool held by its pin.
     */
    public Optional<BackendTool> find(String backend, String tool) {
        return findListed(backend, tool).filter(t -> !pins.isHeld(t));
    }

    /** The tool as last listed, held or not. */
    public Optional<BackendTool> findListed(String backend, String tool) {
        Optional<BackendTool> found = known(backend, tool);
        if (found.isEmpty() && claimRefresh(backend) && refresh(backend)) {
            found = known(backend, tool);
        }
        return found;
    }

    /**
     * Why the backend's last listing left {@code tool} out though it names it (a definition the gateway cannot serve:
     * one only callable as a task, header annotations MCP 2026-07-28 forbids); empty when it did not.
     */
    public Optional<String> whyLeftOut(String backend, String tool) {
        return Optional.ofNullable(leftOutByName.getOrDefault(backend, Map.of()).get(tool));
    }

    /** True when the tool is listed but held because its definition changed since it was pinned. */
    public boolean isHeld(String backend, String tool) {
        return known(backend, tool).filter(pins::isHeld).isPresent();
    }

    /** Every listed tool, held ones included, backends in configuration order, tools by name. */
    public List<BackendTool> listed() {
        List<BackendTool> listed = new ArrayList<>();
        backends.keySet().forEach(b -> listed.addAll(toolsByBackend.getOrDefault(b, List.of())));
        return listed;
    }

    /** Every tool that may be served, backends in configuration order, tools by name. */
    public List<BackendTool> all() {
        return servable(listed());
    }

    /** Those of {@code listed} that may be served (not held): with {@link #listed()}, both from one reading. */
    public List<BackendTool> servable(List<BackendTool> listed) {
        return listed.stream().filter(t -> !pins.isHeld(t)).toList();
    }

    /**
     * Asks again every backend not asked within the last few seconds (so that repeated requests cannot make the
     * gateway hammer its backends); the backends asked.
     */
    public List<String> refreshAllDue() {
        List<String> asked = backends.keySet().stream().filter(this::claimRefresh).toList();
        asked.forEach(this::refresh);
        return asked;
    }

    /** Marks the backend as being asked now, unless it was asked within the last few seconds (atomically). */
    private boolean claimRefresh(String backend) {
        Instant now = clock.instant();
        boolean[] claimed = {false};
        lastAttempt.compute(backend, (name, last) -> {
            claimed[0] = last == null || !now.isBefore(last.plus(MIN_ON_DEMAND_REFRESH));
            return claimed[0] ? now : last;
        });
        return claimed[0];
    }

    /** How the listing of one backend stands. */
    public record Listing(String backend, int tools, Instant lastAttempt, Instant lastListed, boolean answered) {
    }

    /** Each backend's listing, in configuration order. */
    public List<Listing> listings() {
        return backends.keySet().stream().map(b -> new Listing(b, toolsByBackend.getOrDefault(b, List.of()).size(),
                lastAttempt.get(b), lastListed.get(b), lastAnswered.getOrDefault(b, false))).toList();
    }

    /** The names of the tools the backend listed last, held ones included; empty before its first listing. */
    public List<String> toolNamesOf(String backend) {
        return toolsByBackend.getOrDefault(backend, List.of()).stream().map(BackendTool::name).toList();
    }

    /** Whether the backend's last listing answered; false before the first one. */
    public boolean answeredLast(String backend) {
        return lastAnswered.getOrDefault(backend, false);
    }

    /** Why the backend's last listing failed; empty when it answered or was never tried. */
    public Optional<String> lastFailure(String backend) {
        return Optional.ofNullable(lastFailure.get(backend));
    }

    public boolean knows(String backend) {
        return toolsByBackend.containsKey(backend);
    }

    private Optional<BackendTool> known(String backend, String tool) {
        return toolsByBackend.getOrDefault(backend, List.of()).stream().filter(t -> t.name().equals(tool)).findFirst();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
