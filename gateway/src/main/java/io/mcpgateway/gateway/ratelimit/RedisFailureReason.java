package io.mcpgateway.gateway.ratelimit;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.mcpgateway.failure.Causes;

/**
 * Why a Redis call failed, in a few words fit for the public {@code /health}: Lettuce's messages name the server's
 * address ("Unable to connect to redis.internal:6379") and error replies may quote one ("MOVED 3999 10.0.3.7:6379");
 * these words hold no address and no secret, only what an operator acts on (a password to fix, a server to start, a
 * network to look at).
 */
final class RedisFailureReason {

    static final String AUTHENTICATION_FAILED = "authentication failed";
    static final String CONNECTION_REFUSED = "connection refused";
    static final String TIMED_OUT = "timed out";
    static final String UNKNOWN_HOST = "unknown host";
    static final String CANNOT_CONNECT = "cannot connect";
    /** An error reply's code, its first word (OOM, READONLY, CLUSTERDOWN...): the rest may quote keys or addresses. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]{3,20}");

    private RedisFailureReason() {
    }

    /** The reason of {@code failure}, read from its causes (Lettuce wraps the socket's and the server's errors). */
    static String of(Throwable failure) {
        RedisCommandExecutionException reply = Causes.find(failure, RedisCommandExecutionException.class)
                .orElse(null);
        String code = reply == null || reply.getMessage() == null ? "" : reply.getMessage().split(" ", 2)[0];
        if (code.equals("WRONGPASS") || code.equals("NOAUTH")) { // a wrong password or user; none given
            return AUTHENTICATION_FAILED;
        }
        if (Causes.find(failure, UnknownHostException.class).isPresent()) {
            return UNKNOWN_HOST;
        }
        if (refused(failure)) {
            return CONNECTION_REFUSED;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isTimeout(cause)) {
                return TIMED_OUT;
            }
        }
        if (ERROR_CODE.matcher(code).matches()) {
            return "Redis answered " + code;
        }
        if (Causes.find(failure, RedisConnectionException.class).isPresent()) { // a hung server, between timeouts
            return CANNOT_CONNECT;
        }
        return Causes.root(failure).getClass().getSimpleName();
    }

    /** Whether the connection was refused: a connect timeout (Netty's is a ConnectException too) is only slow. */
    static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException && !isTimeout(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Lettuce's RedisCommandTimeoutException, Netty's ConnectTimeoutException, the JDK's socket and future ones. */
    private static boolean isTimeout(Throwable cause) {
        return cause.getClass().getSimpleName().contains("Timeout");
    }
}
