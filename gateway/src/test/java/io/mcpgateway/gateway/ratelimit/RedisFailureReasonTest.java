package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.netty.channel.ConnectTimeoutException;

/** The reasons {@code /health} gives for a Redis that is down: what failed, never where or with which password. */
class RedisFailureReasonTest {

    /** Lettuce's message for any failed connect, with the address and, in the URL, a password. */
    private static final String UNABLE = "Unable to connect to redis.internal/<unresolved>:6379";

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        RuntimeException failure = new RedisConnectionException(UNABLE, new RedisCommandExecutionException(
                "WRONGPASS invalid username-password pair or user is disabled."));

        assertThat(RedisFailureReason.of(failure)).isEqualTo("authentication failed");
    }

    @Test
    void noPasswordForAServerThatWantsOneIsAnAuthenticationFailure() {
        assertThat(RedisFailureReason.of(new RedisCommandExecutionException("NOAUTH Authentication required.")))
                .isEqualTo("authentication failed");
    }

    @Test
    void aRefusedConnectionSaysSo() {
        RuntimeException failure = new RedisConnectionException(UNABLE,
                new ConnectException("Connection refused: redis.internal/10.0.3.7:6379"));

        assertThat(RedisFailureReason.of(failure)).isEqualTo("connection refused");
        assertThat(RedisFailureReason.refused(failure)).isTrue();
    }

    @Test
    void aConnectOrCommandTimeoutIsTimedOutNotRefused() {
        RuntimeException connect = new RedisConnectionException(UNABLE,
                new ConnectTimeoutException("connection timed out after 200 ms: redis.internal/10.0.3.7:6379"));

        assertThat(RedisFailureReason.of(connect)).isEqualTo("timed out");
        assertThat(RedisFailureReason.refused(connect)).as("Netty's is a ConnectException, but only slow").isFalse();
        assertThat(RedisFailureReason.of(new RedisCommandTimeoutException("Command timed out after 200 ms")))
                .isEqualTo("timed out");
    }

    @Test
    void aHostNameThatDoesNotResolveIsAnUnknownHost() {
        RuntimeException failure = new RedisConnectionException(UNABLE,
                new UnknownHostException("redis.internal: Name or service not known"));

        assertThat(RedisFailureReason.of(failure)).isEqualTo("unknown host");
    }

    @Test
    void anotherErrorReplyIsNamedByItsCodeAlone() {
        RuntimeException failure = new RedisCommandExecutionException("MOVED 3999 10.0.3.7:6381");

        assertThat(RedisFailureReason.of(failure)).isEqualTo("Redis answered MOVED");
    }

    @Test
    void anotherFailureToConnectIsSaidInWords() {
        // a hung server: between the timeouts of its calls, the reconnections fail this way
        RuntimeException failure = new RedisConnectionException(UNABLE, new IllegalStateException(UNABLE));

        assertThat(RedisFailureReason.of(failure)).isEqualTo("cannot connect");
        assertThat(RedisFailureReason.of(new RedisConnectionException("not connected to Redis")))
                .isEqualTo("cannot connect");
    }

    @Test
    void anythingElseIsTheClassOfItsInnermostCauseNotItsMessage() {
        RuntimeException failure = new IllegalStateException(UNABLE, new IllegalArgumentException(UNABLE));

        assertThat(RedisFailureReason.of(failure)).isEqualTo("IllegalArgumentException");
    }
}
