package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {

    @Test
    void secondsAreTheWait() {
        assertThat(RetryAfterHeader.read("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfterHeader.read(" 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aWaitOfDaysIsCutToTheLongestBelieved() {
        assertThat(RetryAfterHeader.read("86400")).isEqualTo(RetryAfterHeader.AT_MOST);
        assertThat(RetryAfterHeader.read("99999999999999999999")).isEqualTo(RetryAfterHeader.AT_MOST);
    }

    @Test
    void aDateIsTheWaitUntilThen() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .plusSeconds(61));
        String past = "Wed, 21 Oct 2015 07:28:00 GMT";

        assertThat(RetryAfterHeader.read(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
        assertThat(RetryAfterHeader.read(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElseIsNoWait() {
        assertThat(RetryAfterHeader.read(null)).isNull();
        assertThat(RetryAfterHeader.read("")).isNull();
        assertThat(RetryAfterHeader.read("-5")).isNull();
        assertThat(RetryAfterHeader.read("soon")).isNull();
        assertThat(RetryAfterHeader.read("1.5")).isNull();
    }
}
