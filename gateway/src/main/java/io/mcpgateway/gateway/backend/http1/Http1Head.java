package io.mcpgateway.gateway.backend.http1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and header fields of an answer (RFC 9112), with how its body is framed.
 *
 * @param status the status code
 * @param fields the header fields by lower-case name; a repeated field's values joined with ", "
 * @param http10 whether the server speaks HTTP/1.0, which closes connections unless asked not to
 */
record Http1Head(int status, Map<String, String> fields, boolean http10) {

    /** How the body's end is known. */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    static Http1Head parse(byte[] bytes) throws MalformedAnswerException {
        List<String> lines = lines(new String(bytes, StandardCharsets.ISO_8859_1));
        String statusLine = lines.get(0);
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' '
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new MalformedAnswerException("a malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char digit = statusLine.charAt(i);
            if (digit < '0' || digit > '9') {
                throw new MalformedAnswerException("a malformed status line");
            }
            status = status * 10 + digit - '0';
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line, colon)) {
                throw new MalformedAnswerException("a malformed header field");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
                // the field's name is the backend's text: for the log only, as any text of its answer
                throw new MalformedAnswerException("a control character in a header field", line.substring(0, colon));
            }
            fields.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Http1Head(status, fields, statusLine.charAt(7) == '0');
    }

    /** The lines of a header section, split at LF with a CR before it dropped (a regular expression cost 1%). */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(16);
        int from = 0;
        for (int at; (at = text.indexOf('\n', from)) >= 0; from = at + 1) {
            lines.add(text.substring(from, at > from && text.charAt(at - 1) == '\r' ? at - 1 : at));
        }
        lines.add(text.substring(from));
        return lines;
    }

    /** Whether the field name is an RFC 9110 token: no white space (obsolete line folding) and no separators. */
    private static boolean token(String line, int length) {
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    String field(String lowerCaseName) {
        return fields.get(lowerCaseName);
    }

    /** An interim answer (100 Continue, 103 Early Hints): the real one follows. */
    boolean interim() {
        return status >= 100 && status < 200 && status != 101;
    }

    /**
     * How the body is framed. A protocol switch (101) was never asked for, and a transfer coding besides chunked
     * (gzip, chunked) is one the gateway does not undo: both are refused.
     */
    Framing framing() throws MalformedAnswerException {
        if (status == 101) {
            throw new MalformedAnswerException("a protocol switch (101) the gateway did not ask for");
        }
        if (status == 204 || status == 304) {
            return Framing.NONE;
        }
        String coding = field("transfer-encoding");
        if (coding != null) {
            if (!coding.strip().equalsIgnoreCase("chunked")) {
                throw new MalformedAnswerException("a Transfer-Encoding the gateway cannot decode", coding);
            }
            return Framing.CHUNKED;
        }
        return contentLength() >= 0 ? Framing.LENGTH : Framing.UNTIL_CLOSE;
    }

    /** The {@code Content-Length}, -1 without one; differing repeated values are an error (RFC 9112, 6.3). */
    long contentLength() throws MalformedAnswerException {
        String value = field("content-length");
        if (value == null) {
            return -1;
        }
        long length = -1;
        for (String part : value.split(",")) {
            String digits = part.strip();
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new MalformedAnswerException("a malformed Content-Length");
            }
            long parsed = Long.parseLong(digits);
            if (length >= 0 && parsed != length) {
                throw new MalformedAnswerException("differing Content-Length values");
            }
            length = parsed;
        }
        return length;
    }

    /**
     * Whether the server keeps the connection open after this answer: not when it says close, nor when both a length
     * and chunks frame the body, or an HTTP/1.0 server chunks it (RFC 9112, 6.1 and 6.3: the framing is suspect).
     */
    boolean keepsAlive() {
        if (field("transfer-encoding") != null && (http10 || field("content-length") != null)) {
            return false;
        }
        String connection = field("connection");
        String options = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return http10 ? options.contains("keep-alive") : !options.contains("close");
    }
}
