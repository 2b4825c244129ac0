package io.mcpgateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    @Test
    void keepsTheLastThousandRequestsOldestFirst() {
        RecentRequests recent = new RecentRequests();
        for (int i = 0; i < RecentRequests.CAPACITY + 5; i++) {
            recent.record("/r", 200, i, false, null);
        }

        assertThat(recent.lastRequests(5000)).hasSize(RecentRequests.CAPACITY);
        assertThat(recent.lastRequests(5000).get(0).millis()).isEqualTo(5.0);
        assertThat(recent.lastRequests(2)).extracting(RecentRequests.Request::millis).containsExactly(1003.0, 1004.0);
        assertThat(recent.lastRequests(0)).isEmpty();
        assertThat(recent.lastRequests(-3)).isEmpty();
    }

    @Test
    void refusedRequestsAreSecurityEventsByKind() {
        RecentRequests recent = new RecentRequests();
        recent.record("/a", 401, 1, false, "MISSING_TOKEN");
        recent.record("/a", 401, 1, false, "EXPIRED");
        recent.record("/a", 401, 1, false, "BAD_SIGNATURE");
        recent.record("/a", 403, 1, false, "FORBIDDEN");
        recent.record("/a", 429, 1, false, "RATE_LIMITED");
        recent.record("/a", 400, 1, false, "SCHEMA_VIOLATION");
        recent.record("/a", 200, 1, true, null);

        assertThat(recent.lastEvents(100)).extracting(RecentRequests.SecurityEvent::type).containsExactly(
                "auth_failure", "token_expired", "token_invalid", "unauthorized_access", "rate_limited");
        assertThat(recent.lastEvents(100).get(2).reason()).isEqualTo("bad_signature");
        assertThat(recent.lastRequests(100)).hasSize(7);
    }
}
