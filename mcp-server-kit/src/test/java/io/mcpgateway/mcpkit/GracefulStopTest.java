package io.mcpgateway.mcpkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;

/** A stop with requests in flight: they finish within the stop timeout, or are cut off with one warning. */
@Timeout(30)
class GracefulStopTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(GracefulStopTest.class);
    private final Logger javalin = (Logger) LoggerFactory.getLogger(Javalin.class);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void captureLogs() {
        logs.start();
        log.addAppender(logs);
        javalin.addAppender(logs);
    }

    @AfterEach
    void release() {
        release.countDown();
        log.detachAppender(logs);
        javalin.detachAppender(logs);
    }

    private Javalin start(long stopTimeoutMillis, long handlerMillis) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(stopTimeoutMillis));
            cfg.routes.get("/slow", ctx -> {
                entered.countDown();
                release.await(handlerMillis, TimeUnit.MILLISECONDS);
                ctx.result("done");
            });
        });
        return app.start("127.0.0.1", 0);
    }

    private CompletableFuture<HttpResponse<String>> callSlow(Javalin app) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the request is being served").isTrue();
        return answer;
    }

    @Test
    void aRequestThatOutlastsTheTimeoutIsCutOffWithOneWarningAndNoError() throws Exception {
        Javalin app = start(300, 20_000);
        CompletableFuture<HttpResponse<String>> answer = callSlow(app);

        GracefulStop.stop(app, "Test server", log);

        assertThat(app.jettyServer().server().isStopped()).isTrue();
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
        assertThat(logs.list).filteredOn(e -> e.getLoggerName().equals(log.getName())).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).isEqualTo(
                        "Test server: 1 request(s) still running when the shutdown timeout (300 ms) ended, cut off");
        assertThat(answer).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void theWarningNamesTheRequestsCutOffAsTheServerDescribesThem() throws Exception {
        Javalin app = start(300, 20_000);
        callSlow(app);

        GracefulStop.stop(app, "Test server", log, () -> List.of("GET /slow (request r-1, for 0.3 s)"));

        assertThat(logs.list).filteredOn(e -> e.getLoggerName().equals(log.getName())).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).isEqualTo("Test server: 1 request(s) still running"
                        + " when the shutdown timeout (300 ms) ended, cut off: GET /slow (request r-1, for 0.3 s)");
    }

    @Test
    void aRequestThatFinishesWithinTheTimeoutIsAnswered() throws Exception {
        Javalin app = start(10_000, 300);
        CompletableFuture<HttpResponse<String>> answer = callSlow(app);

        GracefulStop.stop(app, "Test server", log);

        assertThat(answer.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }
}
