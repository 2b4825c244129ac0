package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;

/**
 * Horizontal scale on one machine: two gateway instances sharing a real Redis behind a real nginx. Under load, one
 * instance is stopped (gracefully, as Kubernetes does on scale-in or a rolling update): no request fails, and the
 * per-caller limits are one limit across both instances.
 */
@Timeout(120)
class TwoInstancesBehindNginxIntegrationTest {

    private static final int CLIENTS = 8;

    @Test
    void stoppingOneInstanceUnderLoadFailsNoRequestAndLimitsAreSharedAcrossInstances() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOrSkip("TwoInstancesBehindNginxIntegrationTest");
                LimitedGateways gateways = new LimitedGateways()) {
            // analyze is unlimited (the load); recommend allows a burst of 20 per caller (the shared limit).
            String limits = "{per_minute: 0, burst: 0, routes: {" + LimitedGateways.RECOMMEND
                    + ": {per_minute: 0, burst: 20}}}";
            GatewayServer first = gateways.start(limits, Map.of("REDIS_URL", redis.url()));
            GatewayServer second = gateways.start(limits, Map.of("REDIS_URL", redis.url()));
            try (NginxProcess nginx = NginxProcess.startOrSkip("TwoInstancesBehindNginxIntegrationTest",
                    List.of(first.port(), second.port()));
                    HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                            .build()) {
                URI base = URI.create(nginx.url());

                List<Integer> burst = new ArrayList<>();
                String limited = "Bearer " + gateways.token("limited-caller");
                for (int i = 0; i < 30; i++) {
                    burst.add(post(http, base, LimitedGateways.RECOMMEND, limited).statusCode());
                }
                assertThat(burst).as("one burst of 20 across both instances, not 20 each")
                        .containsExactlyElementsOf(expected(20, 10));
                assertThat(requestsServed(gateways, first)).as("nginx spread the burst").isPositive();
                assertThat(requestsServed(gateways, second)).isPositive();

                Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
                AtomicBoolean running = new AtomicBoolean(true);
                String caller = "Bearer " + gateways.token("load-caller");
                try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> loops = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        loops.add(clients.submit(() -> {
                            while (running.get()) {
                                int status = post(http, base, LimitedGateways.ANALYZE, caller).statusCode();
                                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                            }
                            return null;
                        }));
                    }
                    await().atMost(Duration.ofSeconds(30)).until(() -> total(statuses) >= 100);
                    int beforeStop = total(statuses);
                    gateways.stop(first);
                    await().atMost(Duration.ofSeconds(30)).until(() -> total(statuses) >= beforeStop + 200);
                    running.set(false);
                    for (Future<?> loop : loops) {
                        loop.get();
                    }
                    assertThat(total(statuses) - beforeStop).as("the other instance kept serving").isPositive();
                }

                assertThat(statuses.keySet()).as("statuses of %d requests: %s", total(statuses), statuses)
                        .containsOnly(200);
                assertThat(total(statuses)).isGreaterThan(CLIENTS * 10);
            }
        }
    }

    private static List<Integer> expected(int ok, int refused) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < ok + refused; i++) {
            statuses.add(i < ok ? 200 : 429);
        }
        return statuses;
    }

    private static int total(Map<Integer, AtomicInteger> statuses) {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static long requestsServed(LimitedGateways gateways, GatewayServer gateway) {
        String metrics = gateways.get(gateway, "/metrics/prometheus").body();
        return metrics.lines().filter(l -> l.startsWith("gateway_requests_seconds_count{")
                && l.contains("/api/v1/restaurants/recommend")).mapToLong(l -> (long) Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String path, String authorization)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LimitedGateways.BODY)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
