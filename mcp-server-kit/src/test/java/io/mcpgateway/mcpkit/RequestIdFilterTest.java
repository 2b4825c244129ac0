package io.mcpgateway.mcpkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A request's log lines carry its id and the trace id of its W3C trace context, and the next request's do not. */
class RequestIdFilterTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /** What the MDC held while the request was served, and the headers answered. */
    private record Served(Map<String, String> mdc, Map<String, String> answered) {
    }

    private static Served serve(Map<String, String> headers) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                RequestIdFilterTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                            ? List.of(headers.get((String) args[0])) : List.of());
                    default -> null;
                });
        Map<String, String> answered = new HashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                RequestIdFilterTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        answered.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        Map<String, String> mdc = new HashMap<>();
        new RequestIdFilter().doFilter(request, response, (req, res) -> mdc.putAll(MDC.getCopyOfContextMap()));
        return new Served(mdc, answered);
    }

    @Test
    void theLogLinesOfATracedRequestCarryItsTraceIdAndNothingIsLeftForTheNext() throws Exception {
        Served traced = serve(Map.of("X-Request-ID", "gw-1", "traceparent", PARENT));

        assertThat(traced.mdc()).containsEntry("request_id", "gw-1")
                .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("span_id", "00f067aa0ba902b7");
        assertThat(traced.answered()).containsEntry("X-Request-ID", "gw-1");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        Served plain = serve(Map.of("traceparent", "not-a-trace"));
        assertThat(plain.mdc()).containsKey("request_id").doesNotContainKeys("trace_id", "span_id", "trace_flags");
    }
}
