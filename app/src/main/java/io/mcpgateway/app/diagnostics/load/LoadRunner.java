package io.mcpgateway.app.diagnostics.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.LatencyRecorder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a {@link LoadPlan}: one virtual thread per worker, each sending the request, waiting for its answer and
 * sending the next, so at most {@code concurrency} requests are in flight. Errors are classified by status and the
 * error envelope's type and code, or by why there was no answer.
 */
final class LoadRunner {

    /** The start of an answer kept to read its error envelope; the rest is read and dropped. */
    static final int KEPT_BODY_BYTES = 64 * 1024;

    private final HttpClient http;
    private final HttpProbe describer;
    private final JsonMapper mapper;

    LoadRunner(HttpClient http, HttpProbe describer, JsonMapper mapper) {
        this.http = Objects.requireNonNull(http, "http");
        this.describer = Objects.requireNonNull(describer, "describer");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * @param progress told, after each request, the requests done so far (by count) or the milliseconds elapsed (by
     *     duration); called from many threads
     */
    LoadResults run(LoadPlan plan, LongConsumer progress) {
        HttpRequest request = request(plan);
        AtomicLong claimed = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long deadline = plan.byCount() ? Long.MAX_VALUE : start + plan.duration().toNanos();
        List<WorkerTally> tallies = new ArrayList<>();
        // One recorder shared by all workers: one each would multiply the footprint by --concurrency (up to 1000).
        LatencyRecorder latencies = new LatencyRecorder();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < plan.workers(); i++) {
                WorkerTally tally = new WorkerTally(latencies);
                tallies.add(tally);
                workers.submit(() -> {
                    while (plan.byCount() ? claimed.getAndIncrement() < plan.requests()
                            : System.nanoTime() < deadline) {
                        tally.record(send(request));
                        long finished = done.incrementAndGet();
                        progress.accept(plan.byCount() ? finished : (System.nanoTime() - start) / 1_000_000);
                    }
                });
            }
        } // waits for every worker
        return LoadResults.merge(tallies, latencies, (System.nanoTime() - start) / 1_000_000.0);
    }

    private static HttpRequest request(LoadPlan plan) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(plan.target()).timeout(plan.timeout())
                .header("Accept", "application/json")
                .method(plan.method(), plan.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(plan.body()));
        if (plan.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        plan.headers().forEach(builder::setHeader); // given headers replace the defaults above
        if (plan.token() != null) {
            builder.header("Authorization", "Bearer " + plan.token());
        }
        return builder.build();
    }

    private RequestOutcome send(HttpRequest request) {
        long begun = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                Optional<String> failure = SuccessBody.failureIn(status, response.body(), mapper);
                double millis = (System.nanoTime() - begun) / 1_000_000.0;
                return failure.map(f -> RequestOutcome.errorAnswer(millis, "HTTP " + status + " " + f))
                        .orElseGet(() -> RequestOutcome.success(millis));
            }
            byte[] start = readWholeKeepingTheStart(response.body());
            double millis = (System.nanoTime() - begun) / 1_000_000.0;
            return RequestOutcome.errorAnswer(millis, errorKind(status, start));
        } catch (IOException | UnresolvedAddressException e) {
            return RequestOutcome.noAnswer((System.nanoTime() - begun) / 1_000_000.0,
                    describer.describe(e, request.uri()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestOutcome.noAnswer((System.nanoTime() - begun) / 1_000_000.0, "interrupted");
        }
    }

    /**
     * Reads the whole body, as a client would (the latency is to its end), keeping only its first
     * {@link #KEPT_BODY_BYTES}, enough for an error envelope: many large answers at once would otherwise take the heap.
     */
    static byte[] readWholeKeepingTheStart(InputStream body) throws IOException {
        try (body) {
            byte[] start = body.readNBytes(KEPT_BODY_BYTES);
            body.transferTo(OutputStream.nullOutputStream());
            return start;
        }
    }

    /** {@code HTTP 401 AuthenticationError (EXPIRED)}, or just the status when the body is not an error envelope. */
    private String errorKind(int status, byte[] body) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            String type = error.path("type").asString("");
            String code = error.path("code").asString("");
            return "HTTP " + status + (type.isEmpty() ? "" : " " + type) + (code.isEmpty() ? "" : " (" + code + ")");
        } catch (JacksonException e) {
            return "HTTP " + status;
        }
    }
}
