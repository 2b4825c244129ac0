package io.mcpgateway.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.ResultForm;
import io.mcpgateway.gateway.backend.ToolOutcome;
import io.mcpgateway.gateway.config.CacheSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.json.Json;
import io.mcpgateway.json.RawJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.node.JsonNodeFactory;

class ResponseCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    /** The gateway's clock, a century ahead of the machine's: batch ends are instants of it. */
    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(36_500));
    private final AtomicInteger calls = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BackendTool search = new BackendTool("search", "find", Map.of("name", "find",
            "annotations", Map.of("readOnlyHint", true)));
    private final Caller alice = caller("alice");
    private final Caller bob = caller("bob");

    private static Caller caller(String subject) {
        return new Caller(subject, "client", subject, Set.of(), Set.of(), "access", Instant.MAX);
    }

    private ResponseCache cache(CacheSettings settings) {
        return new ResponseCache(settings, Json.newMapper(), new GatewayMetrics(registry), nanos::get, clock);
    }

    private ToolOutcome backend() {
        calls.incrementAndGet();
        return ToolOutcome.success(JsonNodeFactory.instance.numberNode(calls.get()));
    }

    private ResponseCache.Outcome get(ResponseCache cache, BackendTool tool, Caller caller, Map<String, Object> args,
            String cacheControl) {
        return cache.get(tool, caller, args, ResultForm.WHOLE, cacheControl, this::backend).cache();
    }

    @Test
    void aSlowCallStartedEarlierDoesNotReplaceTheNewerAnswerStoredMeanwhile() throws Exception {
        ResponseCache cache = cache(CacheSettings.defaults());
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch newerStored = new CountDownLatch(1);
        CompletableFuture<ResponseCache.Result> slow = CompletableFuture.supplyAsync(() -> cache.get(search, alice,
                Map.of("q", 1), ResultForm.WHOLE, null, () -> {
                    slowStarted.countDown(); // the backend read its data, still the old one, for this call
                    await(newerStored);
                    return ToolOutcome.success(JsonNodeFactory.instance.textNode("old data"));
                }));
        await(slowStarted);
        nanos.addAndGet(Duration.ofMillis(50).toNanos());
        // the data changed; a caller asks for a fresh answer, which is stored
        cache.get(search, alice, Map.of("q", 1), ResultForm.WHOLE, "no-cache",
                () -> ToolOutcome.success(JsonNodeFactory.instance.textNode("new data")));
        newerStored.countDown();
        slow.get(10, TimeUnit.SECONDS);

        ResponseCache.Result next = cache.get(search, alice, Map.of("q", 1), ResultForm.WHOLE, null, this::backend);

        assertThat(next.cache()).isEqualTo(ResponseCache.Outcome.HIT);
        assertThat(next.outcome().data()).hasToString("\"new data\"");
    }

    @Test
    void theNewerAnswerKeptOverASlowCallExpiresItsTimeToLiveAfterItWasStored() {
        ResponseCache cache = cache(CacheSettings.defaults()); // 60 s
        cache.get(search, alice, Map.of("q", 1), ResultForm.WHOLE, null, () -> {
            // while this call takes 30 s, another caller's refresh is stored at 1 s
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            cache.get(search, alice, Map.of("q", 1), ResultForm.WHOLE, "no-cache",
                    () -> ToolOutcome.success(JsonNodeFactory.instance.textNode("refreshed at 1 s")));
            nanos.addAndGet(Duration.ofSeconds(29).toNanos());
            return ToolOutcome.success(JsonNodeFactory.instance.textNode("read at 0 s"));
        });

        nanos.set(Duration.ofSeconds(60).toNanos());
        ResponseCache.Result kept = cache.get(search, alice, Map.of("q", 1), ResultForm.WHOLE, null, this::backend);
        assertThat(kept.cache()).isEqualTo(ResponseCache.Outcome.HIT);
        assertThat(kept.ageSeconds()).isEqualTo(59);
        nanos.set(Duration.ofSeconds(62).toNanos());
        assertThat(get(cache, search, alice, Map.of("q", 1), null)).as("60 s after it was stored, not after the slow"
                + " call ended").isEqualTo(ResponseCache.Outcome.MISS);
    }

    /**
     * Runs {@code call} on a virtual thread of its own and returns once that thread waits (for the call in flight it
     * joined: nothing else in a lookup waits), so that the leader's call can end after it, however loaded the machine.
     */
    private static <T> Future<T> waiting(Callable<T> call) throws InterruptedException {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = Thread.ofVirtual().start(task);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(task.isDone()).as("the call ended without waiting for the one in flight").isFalse();
            assertThat(System.nanoTime()).as("waiting for the call in flight within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
        return task;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void identicalMissesInFlightAtOnceMakeOneCallAndShareItsOutcome() throws Exception {
        ResponseCache cache = cache(CacheSettings.defaults());
        int callers = 8;
        CountDownLatch leaderCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<ToolOutcome> slowBackend = () -> {
            leaderCalled.countDown();
            await(release);
            return backend();
        };
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ResponseCache.Result> leader = pool.submit(() -> cache.get(search, alice, Map.of("q", 1),
                    ResultForm.WHOLE, null, slowBackend));
            await(leaderCalled);
            List<Future<ResponseCache.Result>> followers = new ArrayList<>();
            for (int i = 1; i < callers; i++) {
                followers.add(waiting(() -> cache.get(search, bob, Map.of("q", 1), ResultForm.WHOLE, null,
                        slowBackend)));
            }
            release.countDown();

            assertThat(leader.get(10, TimeUnit.SECONDS).outcome().data()).hasToString("1");
            for (Future<ResponseCache.Result> follower : followers) {
                assertThat(follower.get(10, TimeUnit.SECONDS).outcome().data()).hasToString("1");
            }
        }
        assertThat(calls).as("backend calls of %d identical misses at once", callers).hasValue(1);
    }

    /** A leader's call that waits for {@code release}, then fails with {@code failure}. */
    private Future<ResponseCache.Result> failingLeader(ExecutorService pool, ResponseCache cache,
            RuntimeException failure, CountDownLatch release) {
        CountDownLatch leaderCalled = new CountDownLatch(1);
        Future<ResponseCache.Result> leader = pool.submit(() -> cache.get(search, alice, Map.of("q", 2),
                ResultForm.WHOLE, null, () -> {
                    leaderCalled.countDown();
                    await(release);
                    throw failure;
                }));
        await(leaderCalled);
        return leader;
    }

    static Stream<RuntimeException> failuresOfTheLeadersOwn() {
        return Stream.of(new IllegalStateException("a bug"),
                GatewayException.Timeout.batchTimeUp("search", Duration.ofMillis(300)));
    }

    @ParameterizedTest
    @MethodSource("failuresOfTheLeadersOwn")
    void aMissWaitingForACallThatFailedByItsOwnMakesItsOwn(RuntimeException failure) throws Exception {
        ResponseCache cache = cache(CacheSettings.defaults());
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ResponseCache.Result> leader = failingLeader(pool, cache, failure, release);
            Future<ResponseCache.Result> follower = waiting(() -> cache.get(search, bob, Map.of("q", 2),
                    ResultForm.WHOLE, null, this::backend));
            release.countDown();

            assertThat(follower.get(10, TimeUnit.SECONDS).cache()).isEqualTo(ResponseCache.Outcome.MISS);
            assertThat(calls).as("the follower's own call").hasValue(1);
            assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).hasCause(failure);
        }
    }

    @Test
    void aMissWaitingForACallThatTimedOutTakesThatAnswerInsteadOfWaitingAgain() throws Exception {
        ResponseCache cache = cache(CacheSettings.defaults());
        CountDownLatch release = new CountDownLatch(1);
        GatewayException timedOut = new GatewayException.Timeout("search", Duration.ofSeconds(30));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            failingLeader(pool, cache, timedOut, release);
            Future<ResponseCache.Result> follower = waiting(() -> cache.get(search, bob, Map.of("q", 2),
                    ResultForm.WHOLE, null, this::backend));
            release.countDown();

            assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS)).hasCause(timedOut);
            assertThat(calls).as("calls of the follower's own").hasValue(0);
        }
    }

    @Test
    void aMissInABatchWaitsForTheCallInFlightOnlyUntilItsBatchEnds() throws Exception {
        ResponseCache cache = cache(CacheSettings.defaults());
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            failingLeader(pool, cache, new IllegalStateException("never thrown in time"), release);
            Instant batchEnd = clock.instant().plusMillis(300);
            Future<ResponseCache.Result> follower = pool.submit(() -> cache.get(search, bob, Map.of("q", 2),
                    ResultForm.WHOLE, null, batchEnd, this::backend));

            assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(GatewayException.Timeout.class,
                            timeout -> assertThat(timeout.isBatchTimeUp()).isTrue());
            assertThat(calls).as("calls of the follower's own").hasValue(0);
            release.countDown();
        }
    }

    @Test
    void repeatedCallIsServedFromTheCacheAndCounted() {
        ResponseCache cache = cache(CacheSettings.defaults());

        assertThat(get(cache, search, alice, Map.of("q", 1, "r", 2), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(get(cache, search, bob, Map.of("r", 2, "q", 1), null)).isEqualTo(ResponseCache.Outcome.HIT);

        assertThat(calls).hasValue(1);
        assertThat(registry.find(GatewayMetrics.CACHE).tag("result", "hit").counter().count()).isEqualTo(1.0);
        assertThat(registry.find(GatewayMetrics.CACHE).tag("result", "miss").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aHitSaysItsAgeAndAMaxAgeItIsOlderThanRefreshesIt() {
        ResponseCache cache = cache(CacheSettings.defaults());
        cache.get(search, alice, Map.of(), ResultForm.WHOLE, null, this::backend);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        ResponseCache.Result young = cache.get(search, alice, Map.of(), ResultForm.WHOLE, "max-age=10", this::backend);
        ResponseCache.Result tooOld = cache.get(search, alice, Map.of(), ResultForm.WHOLE, "max-age=3", this::backend);
        ResponseCache.Result fresh = cache.get(search, alice, Map.of(), ResultForm.WHOLE, "max-age=3", this::backend);

        assertThat(young.cache()).isEqualTo(ResponseCache.Outcome.HIT);
        assertThat(young.ageSeconds()).isEqualTo(5);
        assertThat(tooOld.cache()).isEqualTo(ResponseCache.Outcome.BYPASS);
        assertThat(tooOld.outcome().data()).hasToString("2");
        assertThat(fresh.cache()).isEqualTo(ResponseCache.Outcome.HIT);
        assertThat(fresh.ageSeconds()).isZero();
        assertThat(calls).hasValue(2);
    }

    @Test
    void aResultTheToolSaysNotToReuseIsNeverKept() {
        ResponseCache cache = cache(CacheSettings.defaults());
        Supplier<ToolOutcome> randomDraw = () -> backend().notReusable();

        assertThat(cache.get(search, alice, Map.of(), ResultForm.WHOLE, null, randomDraw).cache())
                .isEqualTo(ResponseCache.Outcome.NOT_CACHEABLE);
        assertThat(cache.get(search, alice, Map.of(), ResultForm.WHOLE, null, randomDraw).outcome().data())
                .hasToString("2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anOutcomeWithoutTheTextCopyNeverAnswersACallerThatReadsTheWholeResult() {
        ResponseCache cache = cache(CacheSettings.defaults());

        cache.get(search, alice, Map.of(), ResultForm.STRUCTURED_ONLY, null, this::backend);
        ResponseCache.Result whole = cache.get(search, alice, Map.of(), ResultForm.WHOLE, null, this::backend);
        ResponseCache.Result structured = cache.get(search, alice, Map.of(), ResultForm.STRUCTURED_ONLY, null,
                this::backend);

        assertThat(whole.cache()).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(structured.cache()).isEqualTo(ResponseCache.Outcome.HIT);
        assertThat(structured.outcome().data()).hasToString("1");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anOutcomeIsReusedOnlyForTheDefinitionOfTheToolThatGaveIt() {
        ResponseCache cache = cache(CacheSettings.defaults());
        BackendTool relisted = new BackendTool("search", "find", Map.copyOf(search.definition()));
        BackendTool narrowed = new BackendTool("search", "find", Map.of("name", "find",
                "annotations", Map.of("readOnlyHint", true), "inputSchema", Map.of("type", "object",
                        "properties", Map.of("q", Map.of("type", "string")), "additionalProperties", false)));

        get(cache, search, alice, Map.of("q", 1), null);

        assertThat(get(cache, relisted, alice, Map.of("q", 1), null)).isEqualTo(ResponseCache.Outcome.HIT);
        assertThat(get(cache, narrowed, alice, Map.of("q", 1), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(calls).hasValue(2);
    }

    @Test
    void anInfiniteNumberAndTheStringInfinityAreDifferentArguments() {
        ResponseCache cache = cache(CacheSettings.defaults());

        get(cache, search, alice, Map.of("q", Double.POSITIVE_INFINITY), null);

        assertThat(get(cache, search, alice, Map.of("q", "Infinity"), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(get(cache, search, alice, Map.of("q", "NaN"), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(get(cache, search, alice, Map.of("q", Double.POSITIVE_INFINITY), null))
                .isEqualTo(ResponseCache.Outcome.HIT);
    }

    @Test
    void aCallThatThrowsKeepsNothing() {
        ResponseCache cache = cache(CacheSettings.defaults());
        Supplier<ToolOutcome> refused = () -> {
            throw new IllegalArgumentException("arguments refused");
        };

        assertThatThrownBy(() -> cache.get(search, alice, Map.of("q", 1), ResultForm.WHOLE, null, refused))
                .hasMessage("arguments refused");
        assertThat(get(cache, search, alice, Map.of("q", 1), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(calls).hasValue(1);
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        ResponseCache cache = cache(new CacheSettings(true, 100, CacheSettings.DEFAULT_MAX_BYTES, Duration.ofSeconds(60), false));
        get(cache, search, alice, Map.of(), null);

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(get(cache, search, alice, Map.of(), null)).isEqualTo(ResponseCache.Outcome.HIT);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(get(cache, search, alice, Map.of(), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(calls).hasValue(2);
    }

    @Test
    void noCacheHeaderBypassesTheLookupAndRefreshesTheEntry() {
        ResponseCache cache = cache(CacheSettings.defaults());
        get(cache, search, alice, Map.of(), null);

        assertThat(get(cache, search, alice, Map.of(), "no-cache")).isEqualTo(ResponseCache.Outcome.BYPASS);
        assertThat(get(cache, search, alice, Map.of(), "max-age=0")).isEqualTo(ResponseCache.Outcome.BYPASS);
        assertThat(cache.get(search, alice, Map.of(), ResultForm.WHOLE, null, this::backend).outcome().data())
                .hasToString("3");
    }

    @Test
    void noStoreBypassesTheLookupAndKeepsNothingOfItsAnswer() {
        ResponseCache cache = cache(CacheSettings.defaults());
        get(cache, search, alice, Map.of(), null);

        assertThat(get(cache, search, alice, Map.of(), "max-age=0, No-Store")).isEqualTo(ResponseCache.Outcome.BYPASS);
        assertThat(get(cache, search, alice, Map.of("limit", 1), "no-store")).isEqualTo(ResponseCache.Outcome.BYPASS);
        // RFC 9111 §5.2.1.5: the cache keeps what it had, and nothing of the no-store answers
        assertThat(cache.get(search, alice, Map.of(), ResultForm.WHOLE, null, this::backend).outcome().data())
                .hasToString("1");
        assertThat(get(cache, search, alice, Map.of("limit", 1), null)).isEqualTo(ResponseCache.Outcome.MISS);
    }

    @Test
    void perCallerCachingKeepsCallersApart() {
        ResponseCache cache = cache(new CacheSettings(true, 100, CacheSettings.DEFAULT_MAX_BYTES,
                Duration.ofSeconds(60), true));
        get(cache, search, alice, Map.of(), null);

        assertThat(get(cache, search, bob, Map.of(), null)).isEqualTo(ResponseCache.Outcome.MISS);
        assertThat(get(cache, search, alice, Map.of(), null)).isEqualTo(ResponseCache.Outcome.HIT);
    }

    @Test
    void perCallerCachingKeepsApartWhatTheBackendIsToldOfTheCaller() {
        // the backend is told subject, client_id and scopes (OnBehalfOf); README: "a backend that answers by caller
        // needs cache.per_caller: true". The same person through another client, with fewer scopes, is another caller.
        ResponseCache cache = cache(new CacheSettings(true, 100, CacheSettings.DEFAULT_MAX_BYTES,
                Duration.ofSeconds(60), true));
        Caller aliceAsAdmin = new Caller("alice", "admin-console", "alice", Set.of("restaurants/admin"), Set.of(),
                "access", Instant.MAX);
        Caller aliceReadOnly = new Caller("alice", "public-app", "alice", Set.of("restaurants/read"), Set.of(),
                "access", Instant.MAX);
        get(cache, search, aliceAsAdmin, Map.of(), null);

        assertThat(get(cache, search, aliceReadOnly, Map.of(), null))
                .as("an answer the backend gave for client admin-console with scope admin is not reused for another"
                        + " client with scope read")
                .isEqualTo(ResponseCache.Outcome.MISS);
    }

    @Test
    void perCallerKeysCannotBeForgedByASubjectThatSpellsOutAnotherCallersFields() {
        ResponseCache cache = cache(new CacheSettings(true, 100, CacheSettings.DEFAULT_MAX_BYTES,
                Duration.ofSeconds(60), true));
        Caller victim = new Caller("alice", "web", "alice", Set.of(), Set.of(), "access", Instant.MAX);
        Caller forger = new Caller("alice, client_id=web", null, "mallory", Set.of(), Set.of(), "access", Instant.MAX);
        get(cache, search, victim, Map.of(), null);

        assertThat(get(cache, search, forger, Map.of(), null)).isEqualTo(ResponseCache.Outcome.MISS);
    }

    @Test
    void toolsThatAreNotReadOnlyAndErrorsAreNeverCached() {
        ResponseCache cache = cache(CacheSettings.defaults());
        BackendTool writer = new BackendTool("search", "write", Map.of("name", "write"));

        assertThat(get(cache, writer, alice, Map.of(), null)).isEqualTo(ResponseCache.Outcome.NOT_CACHEABLE);
        assertThat(get(cache, writer, alice, Map.of(), null)).isEqualTo(ResponseCache.Outcome.NOT_CACHEABLE);
        for (int i = 0; i < 2; i++) {
            cache.get(search, alice, Map.of("bad", true), ResultForm.WHOLE, null, () -> {
                calls.incrementAndGet();
                return ToolOutcome.error("ValidationError", "bad", Map.of());
            });
        }
        assertThat(calls).hasValue(4);
    }

    @Test
    void disabledCacheCallsEveryTime() {
        ResponseCache cache = cache(new CacheSettings(false, 100, CacheSettings.DEFAULT_MAX_BYTES, Duration.ofSeconds(60), false));

        get(cache, search, alice, Map.of(), null);
        assertThat(get(cache, search, alice, Map.of(), null)).isEqualTo(ResponseCache.Outcome.NOT_CACHEABLE);
        assertThat(calls).hasValue(2);
    }

    @Test
    void largeResultsAreBoundedByBytesAndAnAnswerSharedByDataAndResultCountsOnce() {
        long maxBytes = 1024 * 1024;
        ResponseCache cache = cache(new CacheSettings(true, 100, maxBytes, Duration.ofSeconds(60), false));

        for (int i = 0; i < 10; i++) {
            byte[] answer = new byte[300_000]; // the data and the result are slices of one backend answer
            answer[0] = '1';
            ToolOutcome outcome = ToolOutcome.success(RawJson.value(answer, 0, 1))
                    .withResult(RawJson.value(answer, 0, 1));
            cache.get(search, alice, Map.of("q", i), ResultForm.WHOLE, null, () -> outcome);
        }

        assertThat(cache.weight()).isLessThanOrEqualTo(maxBytes);
        assertThat(cache.entryCount()).as("3 x 300 KB fit in 1 MiB; counted twice, one would").isEqualTo(3);
    }

    @Test
    void smallResultsAreBoundedByCount() {
        ResponseCache cache = cache(new CacheSettings(true, 3, CacheSettings.DEFAULT_MAX_BYTES, Duration.ofSeconds(60),
                false));

        for (int i = 0; i < 10; i++) {
            get(cache, search, alice, Map.of("q", i), null);
        }

        assertThat(cache.entryCount()).as("each weighs its share of the byte bound, a little more with its bytes")
                .isBetween(2L, 3L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-cache", "No-Cache", "no-store", "max-age=0",
            "max-age=\"0\"", "no-cache=\"Set-Cookie\"", "max-age=10, no-cache", " max-age=0", "max-age=00"})
    void directivesThatRuleOutAStoredAnswerBypass(String cacheControl) {
        assertThat(ResponseCache.bypasses(cacheControl)).isTrue();
    }

    @Test
    void theSmallestReadableMaxAgeCounts() {
        assertThat(ResponseCache.maxAgeSeconds("max-age=10, max-age=\"4\"")).isEqualTo(4);
        assertThat(ResponseCache.maxAgeSeconds("no-transform")).isEqualTo(-1);
        assertThat(ResponseCache.maxAgeSeconds("max-age=abc")).isEqualTo(-1);
        assertThat(ResponseCache.maxAgeSeconds("max-age=99999999999999999999")).isEqualTo(Long.MAX_VALUE);
        assertThat(ResponseCache.maxAgeSeconds(null)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-age=10", "max-age=10, no-transform",
            "x-no-cache-ext", "max-age=100", "max-age=", "private", ""})
    void otherDirectivesDoNot(String cacheControl) {
        assertThat(ResponseCache.bypasses(cacheControl)).isFalse();
    }
}
