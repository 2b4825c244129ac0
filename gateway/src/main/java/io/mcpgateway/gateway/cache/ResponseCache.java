package io.mcpgateway.gateway.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.CallProgress;
import io.mcpgateway.gateway.backend.OnBehalfOf;
import io.mcpgateway.gateway.backend.ResultForm;
import io.mcpgateway.gateway.backend.ToolOutcome;
import io.mcpgateway.gateway.config.CacheSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.json.RawJson;
import io.mcpgateway.json.RawJsonPieces;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Successful results of read-only tools, kept for a short time and keyed by backend, tool, normalised arguments
 * (map keys sorted) and the form asked for ({@link ResultForm}: the REST routes' entries lack the text copy an MCP
 * client needs, so the two kinds of callers do not share entries), and by caller too when configured for tools whose
 * results depend on who asks. A request with {@code Cache-Control: no-cache} (or {@code no-store}, {@code max-age=0},
 * {@code Pragma: no-cache}) skips the lookup and refreshes the entry, as does one whose {@code max-age} the entry is
 * older than; a hit says its age. A result whose tool says a repeated call would not give it again ({@code _meta}
 * {@link io.mcpgateway.json.ResultHints#NO_STORE}, such as a random pick without a seed) is never kept.
 *
 * <p>Identical misses in flight at once make one call (when the cache is cold, after an entry expired): the others
 * wait for its outcome and take it when it is one the cache would keep, and its failure when the gateway answered it
 * (a timeout, a refusal: the same call would fail the same way, after a second wait); else they make their own call.
 * Requests that skip the lookup ({@code no-cache}...) always make their own.
 *
 * <p>Bounded by time, by count and by bytes: each entry weighs its results' bytes (a passed-through answer weighs the
 * whole answer it is a slice of) plus an equal share of the byte bound ({@code max_bytes / max_entries}), and all
 * weigh at most {@code max_bytes}; so neither bound is exceeded (a cache of small results holds a little fewer than
 * {@code max_entries}). Caffeine bounds either by count or by weight, not both.
 */
public final class ResponseCache {

    /** What happened for one call, for the {@code X-Cache} header and the metrics. */
    public enum Outcome {
        HIT, MISS, BYPASS, NOT_CACHEABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A tool outcome with how the cache took part.
     *
     * @param ageSeconds how long a hit's outcome has been kept (the {@code Age} of RFC 9111 §5.1); 0 otherwise
     */
    public record Result(ToolOutcome outcome, Outcome cache, long ageSeconds) {

        Result(ToolOutcome outcome, Outcome cache) {
            this(outcome, cache, 0);
        }
    }

    /**
     * A kept outcome with the definition of the tool that gave it, which its arguments passed: it is reused only for
     * that same definition, so after a tool's schema changed a hit cannot answer arguments the new schema refuses.
     */
    private record Entry(BackendTool tool, ToolOutcome outcome, long calledNanos, long storedNanos) {

        boolean isFor(BackendTool asked) {
            return tool == asked || tool.equals(asked); // the registry keeps the instance of an unchanged tool
        }

        /** This or {@code other}, whichever call started later: a slow call must not replace a newer answer. */
        Entry newer(Entry other) {
            return other.calledNanos - calledNanos >= 0 ? other : this;
        }
    }

    /**
     * Each entry expires its time to live after its outcome was stored, whatever writes come after: a slow call that
     * ends after a newer answer was stored keeps that answer (a merge), which Caffeine counts as a write, and with
     * {@code expireAfterWrite} the kept answer lived on for as long again as the slow call took, its Age past the TTL.
     */
    private record FromStoring(Duration ttl) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long nowNanos) {
            return left(entry, nowNanos);
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long nowNanos, long leftNanos) {
            return left(entry, nowNanos);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long nowNanos, long leftNanos) {
            return leftNanos;
        }

        private long left(Entry entry, long nowNanos) {
            return Math.max(0, ttl.toNanos() - (nowNanos - entry.storedNanos()));
        }
    }

    /** A call in flight for a key, with the tool definition it was made under. */
    private record InFlight(BackendTool tool, CompletableFuture<ToolOutcome> outcome) {
    }

    private final CacheSettings settings;
    private final Cache<String, Entry> entries;
    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final JsonMapper mapper;
    /** Writes arguments with map keys sorted, so equal arguments make equal keys. */
    private final ObjectWriter canonical;
    private final GatewayMetrics metrics;
    private final Ticker ticker;
    /** The clock batch ends are read on (the gateway's, as the backend calls' deadlines are). */
    private final Clock clock;

    /**
     * @param ticker the cache's clock, so tests can expire entries without waiting
     * @param clock the clock the batch ends given to {@link #get} are instants of
     */
    public ResponseCache(CacheSettings settings, JsonMapper mapper, GatewayMetrics metrics, Ticker ticker,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        // NaN and infinities as bare tokens, not as the strings "NaN" and "Infinity": otherwise 1e400 and "Infinity"
        // would share a key, and a hit skips the schema check (the body readers refuse such numbers today)
        this.canonical = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.clock = Objects.requireNonNull(clock, "clock");
        long share = Math.max(1, settings.maxBytes() / settings.maxEntries());
        this.entries = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((String key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE,
                        share + key.length() + bytesOf(entry.outcome())))
                .executor(Runnable::run) // evict as entries come in, so the bounds hold at every moment
                .expireAfter(new FromStoring(settings.ttl()))
                .ticker(ticker)
                .build();
    }

    /**
     * The outcome for these arguments: from the cache when possible, otherwise from {@code call} (kept when it is a
     * success of a read-only tool). {@code call} checks the arguments against the tool's input schema before it calls
     * the tool, so a hit skips that check: an entry exists only for arguments that passed it under the same definition
     * (the check was 6% of a cached REST request's CPU, perf with frame pointers under bench/gateway.sh's load).
     */
    public Result get(BackendTool tool, Caller caller, Map<String, Object> arguments, ResultForm form,
            String cacheControl, Supplier<ToolOutcome> call) {
        return get(tool, caller, arguments, form, cacheControl, Instant.MAX, call);
    }

    /**
     * As {@link #get(BackendTool, Caller, Map, ResultForm, String, Supplier)} for a call that must end by
     * {@code notAfter} (a JSON-RPC batch's end): waiting for an identical call in flight ends then too.
     */
    public Result get(BackendTool tool, Caller caller, Map<String, Object> arguments, ResultForm form,
            String cacheControl, Instant notAfter, Supplier<ToolOutcome> call) {
        if (!settings.enabled() || !tool.isReadOnly()) {
            return record(tool, new Result(call.get(), Outcome.NOT_CACHEABLE));
        }
        String key = key(tool, caller, arguments, form);
        long maxAge = maxAgeSeconds(cacheControl);
        boolean bypass = bypasses(cacheControl);
        if (!bypass) {
            Entry cached = entries.getIfPresent(key);
            if (cached != null && cached.isFor(tool)) {
                long age = TimeUnit.NANOSECONDS.toSeconds(ticker.read() - cached.storedNanos());
                if (maxAge < 0 || age <= maxAge) {
                    return record(tool, new Result(cached.outcome(), Outcome.HIT, age));
                }
                bypass = true; // older than the client takes: refreshed
            }
        }
        boolean storable = !forbidsStoring(cacheControl);
        Supplier<ToolOutcome> callAndKeep = () -> {
            long called = ticker.read();
            ToolOutcome outcome = call.get();
            if (storable && outcome.isSuccess() && outcome.reusable()) {
                // a call that started before another one stored its answer (a no-cache refresh after the data
                // changed) keeps that newer answer
                entries.asMap().merge(key, new Entry(tool, outcome, called, ticker.read()), Entry::newer);
            }
            return outcome;
        };
        ToolOutcome fresh = bypass ? callAndKeep.get() : joined(key, tool, notAfter, callAndKeep);
        if (!fresh.reusable()) {
            return record(tool, new Result(fresh, Outcome.NOT_CACHEABLE)); // a random draw, for example
        }
        return record(tool, new Result(fresh, bypass ? Outcome.BYPASS : Outcome.MISS));
    }

    /**
     * The outcome of the call in flight for {@code key} when there is one under the same tool definition and its
     * outcome is one the cache would keep (or its failure, when the gateway answered it); otherwise {@code call}'s,
     * which the next identical misses then wait for (it keeps its outcome before it stops being in flight, so a miss
     * arriving in between finds it in the cache).
     */
    private ToolOutcome joined(String key, BackendTool tool, Instant notAfter, Supplier<ToolOutcome> call) {
        InFlight mine = new InFlight(tool, new CompletableFuture<>());
        InFlight leader = inFlight.putIfAbsent(key, mine);
        if (leader == null) {
            try {
                ToolOutcome outcome = call.get();
                mine.outcome().complete(outcome);
                return outcome;
            } catch (RuntimeException | Error e) {
                mine.outcome().completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        }
        if (leader.tool().equals(tool)) {
            long waitStarted = System.nanoTime();
            CallProgress.awaitingAnswer(); // a caller who asked for progress hears keep-alives while it waits
            try {
                ToolOutcome shared = awaitLeader(leader, notAfter); // the leader's call ends by its deadline
                if (shared.isSuccess() && shared.reusable()) {
                    return shared;
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GatewayException failure && !endedByItsRequest(failure)) {
                    // refused arguments, a backend timed out or down, its breaker open: a call of this caller's own
                    // would wait for the same timeout again (a hanging backend: twice the total timeout)
                    throw failure;
                }
                // the leader's own batch ran out of time, its client cancelled it, or a bug: this caller's own call
                // says how it goes for it
            } catch (TimeoutException e) {
                throw GatewayException.Timeout.batchTimeUp(tool.backend(),
                        Duration.ofNanos(System.nanoTime() - waitStarted));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return call.get();
    }

    private ToolOutcome awaitLeader(InFlight leader, Instant notAfter)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (notAfter.equals(Instant.MAX)) {
            return leader.outcome().get();
        }
        long nanos = Math.max(0, Duration.between(clock.instant(), notAfter).toNanos());
        return leader.outcome().get(nanos, TimeUnit.NANOSECONDS);
    }

    private static boolean endedByItsRequest(GatewayException failure) {
        return failure instanceof GatewayException.Timeout timeout && timeout.endedByItsRequest();
    }

    /** How many entries it holds now. */
    long entryCount() {
        return entries.estimatedSize();
    }

    /** The weight of all its entries: their bytes and their per-entry shares. */
    long weight() {
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** The bytes an outcome keeps in memory, as JSON (a tree outcome is weighed by its serialised size). */
    private long bytesOf(ToolOutcome outcome) {
        RawJson data = RawJson.of(outcome.data());
        List<RawJson> resultPieces = RawJsonPieces.of(outcome.result());
        // a result in pieces (its resultType taken out) is slices of one answer too, which its first piece weighs
        RawJson result = resultPieces == null ? null : resultPieces.get(0);
        long bytes = bytesOf(data, outcome.data());
        if (result == null || !result.sharesBytesWith(data)) {
            bytes += bytesOf(result, outcome.result());
        }
        return bytes;
    }

    private long bytesOf(RawJson raw, Object value) {
        return raw != null ? raw.retainedBytes() : value == null ? 0 : mapper.writeValueAsBytes(value).length;
    }

    private Result record(BackendTool tool, Result result) {
        metrics.cacheLookup(tool.backend(), tool.name(), result.cache().label());
        return result;
    }

    private String key(BackendTool tool, Caller caller, Map<String, Object> arguments, ResultForm form) {
        String args = canonical.writeValueAsString(arguments);
        // per caller: all that backends are told of the caller, so an answer given for one client or set of scopes is
        // not served to the same person through another; as JSON, whose quoting keeps the fields apart whatever they
        // hold (a Map's toString made sub "a, client_id=b" without a client the same key as sub "a", client "b")
        String who = settings.perCaller() ? canonical.writeValueAsString(OnBehalfOf.of(caller).meta()) : "";
        return tool.backend() + '\n' + tool.name() + '\n' + who + '\n' + form + '\n' + args;
    }

    /**
     * Whether the request's cache directives (every {@code Cache-Control} line, or {@code no-cache} for a
     * {@code Pragma: no-cache} without one) rule out any stored answer: {@code no-cache}, {@code no-store}, or
     * {@code max-age=0}, which accepts no answer older than now (RFC 9111 §5.2.1); a larger {@code max-age} rules out
     * the answers older than it ({@link #maxAgeSeconds}).
     */
    static boolean bypasses(String cacheControl) {
        return hasDirective(cacheControl, name -> name.equals("no-cache") || name.startsWith("no-cache=")
                || name.equals("no-store")) || maxAgeSeconds(cacheControl) == 0;
    }

    /**
     * Whether the request's directives forbid keeping its answer: {@code no-store} (RFC 9111 §5.2.1.5). A
     * {@code no-cache} request's fresh answer is kept, for the requests after it.
     */
    static boolean forbidsStoring(String cacheControl) {
        return hasDirective(cacheControl, "no-store"::equals);
    }

    private static boolean hasDirective(String cacheControl, Predicate<String> matching) {
        if (cacheControl == null) {
            return false;
        }
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            if (matching.test(directive.strip())) {
                return true;
            }
        }
        return false;
    }

    /** The oldest answer, in seconds, that a request's {@code max-age} accepts; -1 when it has none. */
    static long maxAgeSeconds(String cacheControl) {
        if (cacheControl == null) {
            return -1;
        }
        long maxAge = -1;
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String name = directive.strip();
            if (name.startsWith("max-age=")) {
                String seconds = name.substring("max-age=".length()).replace("\"", "");
                if (!seconds.isEmpty() && seconds.chars().allMatch(Character::isDigit)) {
                    // the most the client takes; a number too long for a long is "any age" (RFC 9111 §1.2.2)
                    long value = seconds.length() > 18 ? Long.MAX_VALUE : Long.parseLong(seconds);
                    maxAge = maxAge < 0 ? value : Math.min(maxAge, value);
                }
            }
        }
        return maxAge;
    }
}
