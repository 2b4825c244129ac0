package io.mcpgateway.json;

import java.util.Objects;

/**
 * Walks JSON in UTF-8 bytes without decoding it: reads the members of the objects a caller enters, and skips every
 * other value by finding where it ends, so that a caller can locate a few parts of a large message and pass them on as
 * bytes. Skipping checks all of JSON's grammar inside the value (separators, literals, numbers, escapes, UTF-8,
 * brackets), so that what is passed on is JSON whatever a backend sent.
 *
 * <p>Written by hand because Jackson's streaming parser, the obvious choice, was the gateway's bottleneck: skipping the
 * text copy of a 144 KB tool result with it took more than half of a gateway request's CPU (JFR profile of
 * bench/gateway.sh). Strings, objects and arrays with at least 64 bytes of input left from their start are skipped with
 * SIMD instructions when the JVM has the Vector API ({@link VectorJsonSkipper}); otherwise by
 * {@link ByteWiseJsonSkipper}, which skips strings, most of such messages, eight bytes at a time.
 *
 * <p>Anything it does not expect (a member name with escapes, nesting deeper than {@value #MAX_DEPTH}, malformed
 * JSON) is a {@link Malformed}; callers then fall back to a full parser, which reports what is wrong.
 */
public final class JsonCursor {

    /** Deeper values are {@link Malformed} here (a full parser may still read them). */
    public static final int MAX_DEPTH = 64;

    /**
     * Whether values are skipped with SIMD instructions ({@link VectorJsonSkipper}): when the JVM runs with
     * {@code --add-modules jdk.incubator.vector} and {@code -Dmcpgateway.json.vectors=false} does not turn it off.
     */
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean VECTORIZED = VECTOR_MODULE
            && !"false".equals(System.getProperty("mcpgateway.json.vectors"));

    private final byte[] bytes;
    private final int end;
    private int position;
    private int nameStart;
    private int nameEnd;
    /** Whether the object or array being read has had no member or element yet (a comma may not come first). */
    private boolean firstEntry;

    public JsonCursor(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.end = bytes.length;
    }

    /** How values are skipped, for the start-up log: SIMD with the vector width in bytes, or byte-wise. */
    public static String skipping() {
        return VECTORIZED ? "SIMD, " + VectorJsonSkipper.lanes() + "-byte vectors"
                : VECTOR_MODULE ? "byte-wise (SIMD turned off by -Dmcpgateway.json.vectors=false)"
                : "byte-wise (start the JVM with --add-modules jdk.incubator.vector for SIMD)";
    }

    /** Where the next value (after whitespace) starts, or the position after the last one read. */
    public int position() {
        return position;
    }

    /** Whether the next value is an object (after whitespace, which this skips). */
    public boolean atObject() {
        return peek() == '{';
    }

    /** Whether the next value is a string (after whitespace, which this skips). */
    public boolean atString() {
        return peek() == '"';
    }

    /** Whether the next value is an array (after whitespace, which this skips). */
    public boolean atArray() {
        return peek() == '[';
    }

    /** Enters the object that comes next; false, consuming nothing, when the next value is not an object. */
    public boolean beginObject() {
        return enterIf(atObject());
    }

    /** Enters the array that comes next; false, consuming nothing, when the next value is not an array. */
    public boolean beginArray() {
        return enterIf(atArray());
    }

    private boolean enterIf(boolean atContainer) {
        if (atContainer) {
            position++;
            firstEntry = true;
        }
        return atContainer;
    }

    /**
     * Stops at the entered array's next element; false when the array ends (its closing bracket is consumed). What
     * follows must then be read or skipped as a value.
     */
    public boolean nextElement() {
        if (!toNextEntry((byte) ']')) {
            return false;
        }
        firstEntry = false;
        skipWhitespace();
        return true;
    }

    /**
     * Moves past the comma before the entered container's next entry; false when the container ends with {@code close}
     * instead (consumed).
     */
    private boolean toNextEntry(byte close) {
        byte next = peek();
        if (next == close) {
            position++;
            firstEntry = false; // the enclosing container, if any, has had this one as an entry
            return false;
        }
        if (!firstEntry) {
            if (next != ',') {
                throw Malformed.INSTANCE;
            }
            position++;
        }
        return true;
    }

    /**
     * Reads the name of the entered object's next member and stops at its value; false when the object ends (its
     * closing brace is consumed).
     */
    public boolean nextMember() {
        if (!toNextEntry((byte) '}')) {
            return false;
        }
        byte next = peek();
        if (next != '"') {
            throw Malformed.INSTANCE;
        }
        int start = position + 1;
        int afterName = ByteWiseJsonSkipper.skipString(bytes, position, end);
        if (afterName < 0) {
            throw Malformed.INSTANCE;
        }
        position = afterName;
        for (int i = start; i < position - 1; i++) {
            if (bytes[i] == '\\') {
                throw Malformed.INSTANCE; // an escaped name is compared by a full parser, not here
            }
        }
        nameStart = start;
        nameEnd = position - 1;
        if (peek() != ':') {
            throw Malformed.INSTANCE;
        }
        position++;
        firstEntry = false;
        skipWhitespace();
        return true;
    }

    /** Where the member just read begins: the opening quote of its name. */
    public int memberStart() {
        return nameStart - 1;
    }

    /** Whether the member just read is named {@code name} (ASCII). */
    public boolean nameIs(String name) {
        return bytesAre(nameStart, nameEnd, name);
    }

    /** Consumes the next value; true when it is exactly the literal or number {@code text} (ASCII). */
    public boolean consumeScalar(String text) {
        int start = peekPosition();
        skipValue();
        return bytesAre(start, position, text);
    }

    /** Whether the bytes {@code [from, to)} are exactly the ASCII {@code text}. */
    private boolean bytesAre(int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the next value, whatever it is. */
    public void skipValue() {
        position = skipValue(bytes, peekPosition(), end);
        if (position < 0) {
            throw Malformed.INSTANCE;
        }
    }

    /** Checks that nothing but whitespace follows. */
    public void expectEnd() {
        skipWhitespace();
        if (position != end) {
            throw Malformed.INSTANCE;
        }
    }

    private int peekPosition() {
        skipWhitespace();
        return position;
    }

    private byte peek() {
        skipWhitespace();
        if (position >= end) {
            throw Malformed.INSTANCE;
        }
        return bytes[position];
    }

    private void skipWhitespace() {
        while (position < end && JsonTokens.isWhitespace(bytes[position])) {
            position++;
        }
    }

    /**
     * Where the value starting at {@code from} ends (the index after it), or -1 when it is malformed or nested deeper
     * than {@value #MAX_DEPTH}.
     */
    public static int skipValue(byte[] bytes, int from, int end) {
        if (VECTORIZED && end - from >= VectorJsonSkipper.BLOCK) {
            byte first = bytes[from];
            if (first == '"' || first == '{' || first == '[') {
                return VectorJsonSkipper.skip(bytes, from, end);
            }
        }
        return ByteWiseJsonSkipper.skip(bytes, from, end);
    }

    /** What the cursor does not read: malformed JSON, or a shape it leaves to a full parser. */
    public static final class Malformed extends RuntimeException {

        private static final long serialVersionUID = 1L;
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("JSON the cursor does not read", null, false, false);
        }
    }
}
