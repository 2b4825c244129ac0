package io.mcpgateway.gateway.backend.http1;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the backend client: it closes connections whose blocking I/O would outlast a deadline (a
 * channel's close ends a blocked read or write at once) and sweeps idle connections that aged out. Its tasks only
 * close sockets, so one thread serves every backend.
 */
final class Http1Timers {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Http1Timers() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("backend-client-timer").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    static ScheduledFuture<?> at(long deadlineNanos, Runnable task) {
        return TIMER.schedule(task, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    static ScheduledFuture<?> every(long periodNanos, Runnable task) {
        return TIMER.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
}
