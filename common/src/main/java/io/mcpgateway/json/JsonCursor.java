package io.mcpgateway.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Walks JSON in UTF-8 bytes without decoding it: reads the members of the objects a caller enters, and skips every
 * other value by finding where it ends, so that a caller can locate a few parts of a large message and pass them on as
 * bytes. Skipping checks that strings end (and hold no raw control character or unknown escape) and that brackets
 * balance; it is not a validator of numbers or separators inside skipped values.
 *
 * <p>Written by hand because Jackson's streaming parser, the obvious choice, was the gateway's bottleneck: skipping the
 * text copy of a 144 KB tool result with it took more than half of a gateway request's CPU (JFR profile of
 * bench/gateway.sh). Strings, objects and arrays with at least 64 bytes of input left from their start are skipped with
 * SIMD instructions when the JVM has the Vector API ({@link VectorJsonSkipper}); otherwise strings, most of such
 * messages, are skipped eight bytes at a time.
 *
 * <p>Anything it does not expect (a member name with escapes, nesting deeper than {@value #MAX_DEPTH}, malformed
 * JSON) is a {@link Malformed}; callers then fall back to a full parser, which reports what is wrong.
 */
public final class JsonCursor {

    /** Deeper values are {@link Malformed} here (a full parser may still read them). */
    public static final int MAX_DEPTH = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    /** Added to the low seven bits of a byte, sets its high bit exactly when they are 0x20 or more. */
    private static final long BELOW_SPACE = (0x80 - ' ') * ONES;

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
        int afterName = skipString(bytes, position, end);
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
        while (position < end && isWhitespace(bytes[position])) {
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
        return skipValueByteWise(bytes, from, end);
    }

    /** {@link #skipValue} one byte (or, in strings, one word) at a time: the reference, and the way without SIMD. */
    static int skipValueByteWise(byte[] bytes, int from, int end) {
        if (from >= end) {
            return -1;
        }
        return switch (bytes[from]) {
            case '"' -> skipString(bytes, from, end);
            case '{', '[' -> skipContainer(bytes, from, end);
            default -> skipScalar(bytes, from, end);
        };
    }

    private static int skipContainer(byte[] bytes, int from, int end) {
        int depth = 0;
        long objects = 0; // bit d: whether the container at depth d is an object
        int i = from;
        while (i < end) {
            byte c = bytes[i];
            switch (c) {
                case '"' -> {
                    i = skipString(bytes, i, end);
                    if (i < 0) {
                        return -1;
                    }
                }
                case '{', '[' -> {
                    if (depth == MAX_DEPTH) {
                        return -1;
                    }
                    objects = c == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                    depth++;
                    i++;
                }
                case '}', ']' -> {
                    depth--;
                    if (depth < 0 || ((objects >>> depth & 1) == 1) != (c == '}')) {
                        return -1;
                    }
                    i++;
                    if (depth == 0) {
                        return i;
                    }
                }
                case ',', ':', ' ', '\t', '\n', '\r' -> i++;
                default -> {
                    i = skipScalar(bytes, i, end);
                    if (i < 0) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Skips a string from its opening quote, eight bytes a step: every quote, backslash or control byte of a step is
     * handled before the next load, since tool answers hold text copies of JSON where every fifth byte or so is one
     * (16% faster than reloading at each, on the bench's answer).
     */
    private static int skipString(byte[] bytes, int from, int end) {
        int i = from + 1;
        while (i + Long.BYTES <= end) {
            long word = (long) LONGS.get(bytes, i);
            long special = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | controlBytes(word);
            int next = i + Long.BYTES;
            while (special != 0) {
                int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
                byte c = bytes[at];
                if (c == '"') {
                    return at + 1;
                } else if (c != '\\') {
                    return -1; // JSON strings may not hold raw control characters
                } else if (at + 1 >= end || !isEscape(bytes[at + 1])) {
                    return -1;
                }
                int afterEscape = at + 2 - i; // bytes of this step up to the escaped one
                if (afterEscape >= Long.BYTES) {
                    next = i + afterEscape;
                    break;
                }
                special &= -1L << (afterEscape << 3);
            }
            i = next;
        }
        while (i < end) {
            byte c = bytes[i];
            if (c == '"') {
                return i + 1;
            } else if (c == '\\') {
                if (i + 1 >= end || !isEscape(bytes[i + 1])) {
                    return -1;
                }
                i += 2;
            } else if (c >= 0 && c < ' ') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** A high bit in exactly the bytes of {@code word} that are zero. */
    private static long zeroBytes(long word) {
        return ~(((word & LOW_BITS) + LOW_BITS) | word | LOW_BITS);
    }

    /** A high bit in exactly the bytes of {@code word} below 0x20 (control characters). */
    private static long controlBytes(long word) {
        return ~((word & LOW_BITS) + BELOW_SPACE) & ~word & HIGH_BITS;
    }

    private static int skipScalar(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && isScalarByte(bytes[i])) {
            i++;
        }
        return i == from ? -1 : i;
    }

    private static boolean isScalarByte(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+'
                || c == '.';
    }

    static boolean isEscape(byte c) {
        return switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u' -> true;
            default -> false;
        };
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
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
