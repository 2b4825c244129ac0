package io.mcpgateway.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * W3C Trace Context ({@code traceparent}, {@code tracestate}) taken from a request and sent on with the calls made to
 * serve it, as a proxy passes it: the gateway records no spans of its own, so the backend's spans hang under the
 * caller's. The ids are kept in the MDC under OpenTelemetry's names ({@code trace_id}, {@code span_id},
 * {@code trace_flags}), so the request's log lines carry them as well, and threads that copy the MDC (a cancel
 * notice, a progress writer) carry them on; the {@code tracestate}, up to 512 characters of the caller's choosing,
 * is kept apart for the thread serving the request, out of the log.
 *
 * <p>Only a well-formed {@code traceparent} is taken (the specification's version 00 layout, lower-case hexadecimal,
 * ids not all zeros; a later version's first four fields, sent on as version 00 with its sampled flag alone; a
 * header given twice, joined with a comma, is none), and a {@code tracestate} only with it, in the specification's syntax and bounds: nothing a caller
 * sends reaches a backend's headers or the log unchecked.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String TRACE_FLAGS = "trace_flags";
    /** The tracestate of the request this thread serves, sent on with its traceparent. */
    private static final ThreadLocal<String> STATE = new ThreadLocal<>();

    private static final int VERSION_00_LENGTH = 55;
    private static final int MAX_STATE_CHARS = 512;
    private static final int MAX_STATE_MEMBERS = 32;
    /** A tracestate list member (W3C Trace Context §3.3.1.3): a key, simple or tenant@system, '=', a value. */
    private static final Pattern STATE_MEMBER = Pattern.compile(
            "(?:[a-z0-9][a-z0-9_*/-]{0,240}@[a-z][a-z0-9_*/-]{0,13}|[a-z][a-z0-9_*/-]{0,255})"
                    + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

    private TraceContext() {
    }

    /**
     * Takes the context of a request's headers for this thread (nothing when {@code traceparent} is absent or not
     * well-formed; {@code tracestate} may be null); {@link #leave} removes it.
     */
    public static void enter(String traceparent, String tracestate) {
        if (!wellFormed(traceparent)) {
            return;
        }
        MDC.put(TRACE_ID, traceparent.substring(3, 35));
        MDC.put(SPAN_ID, traceparent.substring(36, 52));
        // a later version's flags may mean more than version 00's one flag: only "sampled" is sent on as 00
        MDC.put(TRACE_FLAGS, traceparent.startsWith("00") ? traceparent.substring(53, 55)
                : (Integer.parseInt(traceparent.substring(53, 55), 16) & 1) == 1 ? "01" : "00");
        String state = wellFormedState(tracestate);
        if (state != null) {
            STATE.set(state);
        }
    }

    /** Removes what {@link #enter} took. */
    public static void leave() {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
        MDC.remove(TRACE_FLAGS);
        STATE.remove();
    }

    /**
     * Adds the headers that send the context of this thread on to a backend; none when there is none (a thread that
     * copied the MDC sends the traceparent alone).
     */
    public static void addTo(Map<String, String> headers) {
        String traceId = MDC.get(TRACE_ID);
        String spanId = MDC.get(SPAN_ID);
        String flags = MDC.get(TRACE_FLAGS);
        if (traceId == null || spanId == null || flags == null) {
            return;
        }
        headers.put(TRACEPARENT, "00-" + traceId + "-" + spanId + "-" + flags);
        String state = STATE.get();
        if (state != null) {
            headers.put(TRACESTATE, state);
        }
    }

    /** Whether {@code header} is a traceparent this class takes (see the class comment). */
    static boolean wellFormed(String header) {
        if (header == null || header.length() < VERSION_00_LENGTH) {
            return false;
        }
        String version = header.substring(0, 2);
        boolean exact = header.length() == VERSION_00_LENGTH;
        // version 00 is exactly its four fields; a later one may add fields after a dash; ff is forbidden
        if (!hex(header, 0, 2) || version.equals("ff") || version.equals("00") && !exact
                || !exact && header.charAt(VERSION_00_LENGTH) != '-') {
            return false;
        }
        return header.charAt(2) == '-' && header.charAt(35) == '-' && header.charAt(52) == '-'
                && hex(header, 3, 35) && !zeros(header, 3, 35)
                && hex(header, 36, 52) && !zeros(header, 36, 52)
                && hex(header, 53, 55);
    }

    /**
     * {@code header}'s list of members as sent on: the specification's syntax ({@code key=value}, keys of lower-case
     * letters, digits and {@code _-*}{@code /} with an optional {@code @system}, values of printable ASCII but
     * {@code ,} and {@code =}), at most 32 members and 512 characters, empty members dropped; null for none, or when
     * any member is malformed (the whole header is then dropped, as the specification allows).
     */
    static String wellFormedState(String header) {
        if (header == null || header.length() > MAX_STATE_CHARS) {
            return null;
        }
        List<String> members = new ArrayList<>();
        for (String member : header.split(",", -1)) {
            String trimmed = member.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!STATE_MEMBER.matcher(trimmed).matches() || members.size() == MAX_STATE_MEMBERS) {
                return null;
            }
            members.add(trimmed);
        }
        return members.isEmpty() ? null : String.join(",", members);
    }

    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
