package io.mcpgateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class TraceContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void clear() {
        TraceContext.leave();
    }

    private static Map<String, String> sentOn() {
        Map<String, String> headers = new LinkedHashMap<>();
        TraceContext.addTo(headers);
        return headers;
    }

    @Test
    void aWellFormedContextIsLoggedUnderOpenTelemetrysNamesAndSentOnAsItCame() {
        TraceContext.enter(PARENT, "vendor=abc,other=x1");

        assertThat(MDC.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MDC.get("span_id")).isEqualTo("00f067aa0ba902b7");
        assertThat(MDC.get("trace_flags")).isEqualTo("01");
        assertThat(sentOn()).containsExactly(Map.entry("traceparent", PARENT),
                Map.entry("tracestate", "vendor=abc,other=x1"));
        assertThat(MDC.getCopyOfContextMap()).as("the caller's tracestate, not logged")
                .doesNotContainKey("tracestate");

        TraceContext.leave();
        assertThat(MDC.get("trace_id")).isNull();
        assertThat(sentOn()).isEmpty();
    }

    @Test
    void aLaterVersionsFirstFourFieldsAreSentOnAsVersion00() {
        TraceContext.enter("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-later", null);

        assertThat(sentOn()).containsExactly(Map.entry("traceparent", PARENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", // no flags
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // no trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // no parent id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // a forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has four fields only
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", // a later version's next field after a dash
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",
        "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX-Injected: yes",
        // the header twice, as a server joins repeated lines: the specification makes that no context at all
        PARENT + "," + PARENT
    })
    void anythingElseIsNeitherLoggedNorSentOn(String header) {
        TraceContext.enter(header, "vendor=abc");

        assertThat(MDC.get("trace_id")).isNull();
        assertThat(sentOn()).isEmpty();
    }

    @Test
    void aTracestateIsSentOnOnlyWhenWellFormedWithinTheSpecificationsBoundsAndWithoutEmptyMembers() {
        String thirtyTwo = String.join(",", java.util.stream.IntStream.range(0, 32).mapToObj(i -> "k" + i + "=v")
                .toList());
        for (String state : new String[] {"a=" + "b".repeat(511), "a=b\u0000c", "a=\u00e9t\u00e9", "   ", ",, ,",
                "A=1", "1a=1", "a=", "a= ", "a=b=c", "a=b\"},\"x\":\"y", "a=" + "b".repeat(257),
                thirtyTwo + ",k32=v", "t1@Sys=v"}) {
            TraceContext.enter(PARENT, state);
            assertThat(sentOn()).as(state).containsOnlyKeys("traceparent");
            TraceContext.leave();
        }
        for (Map.Entry<String, String> sent : Map.of(" a=1 ,, b=2\t", "a=1,b=2", thirtyTwo, thirtyTwo,
                "t1@sys=v,x*y/z_-=a b", "t1@sys=v,x*y/z_-=a b", "a=" + "b".repeat(256), "a=" + "b".repeat(256))
                .entrySet()) {
            TraceContext.enter(PARENT, sent.getKey());
            assertThat(sentOn()).as(sent.getKey()).containsEntry("tracestate", sent.getValue());
            TraceContext.leave();
        }
    }

    @Test
    void aLaterVersionKeepsOnlyTheSampledFlagAsVersion00() {
        TraceContext.enter("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff-extra", null);
        assertThat(sentOn()).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        TraceContext.leave();

        TraceContext.enter("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-fe", null);
        assertThat(sentOn()).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }
}
