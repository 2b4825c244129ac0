package io.mcpgateway.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link JsonCursor}'s skipping of values one byte (in strings, one word) at a time: the reference the SIMD skipper
 * ({@link VectorJsonSkipper}) must agree with, and the way without the Vector API. It checks all of JSON's grammar
 * (RFC 8259) inside what it skips: separators, literals, numbers, escapes, UTF-8, balanced brackets of the right kind.
 */
final class ByteWiseJsonSkipper {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    /** Added to the low seven bits of a byte, sets its high bit exactly when they are 0x20 or more. */
    private static final long BELOW_SPACE = (0x80 - ' ') * ONES;

    /** What may come next inside a container, whitespace aside. */
    private enum Expect { VALUE, VALUE_OR_CLOSE, KEY, KEY_OR_CLOSE, COLON, COMMA_OR_CLOSE }

    private ByteWiseJsonSkipper() {
    }

    /**
     * Where the value starting at {@code from} ends (the index after it), or -1 when it is malformed or nested deeper
     * than {@link JsonCursor#MAX_DEPTH}.
     */
    static int skip(byte[] bytes, int from, int end) {
        if (from >= end) {
            return -1;
        }
        return switch (bytes[from]) {
            case '"' -> skipString(bytes, from, end);
            case '{', '[' -> skipContainer(bytes, from, end);
            default -> JsonTokens.scalarEnd(bytes, from, end);
        };
    }

    private static int skipContainer(byte[] bytes, int from, int end) {
        int depth = 0;
        long objects = 0; // bit d: whether the container at depth d is an object
        Expect expect = Expect.VALUE;
        int i = from;
        while (i < end) {
            byte c = bytes[i];
            if (JsonTokens.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean close = c == '}' || c == ']';
            switch (expect) {
                case COLON -> {
                    if (c != ':') {
                        return -1;
                    }
                    i++;
                    expect = Expect.VALUE;
                    continue;
                }
                case COMMA_OR_CLOSE -> {
                    if (c == ',') {
                        i++;
                        expect = (objects >>> (depth - 1) & 1) == 1 ? Expect.KEY : Expect.VALUE;
                        continue;
                    }
                    if (!close) {
                        return -1;
                    }
                }
                case KEY, KEY_OR_CLOSE -> {
                    if (c == '"') {
                        i = skipString(bytes, i, end);
                        if (i < 0) {
                            return -1;
                        }
                        expect = Expect.COLON;
                        continue;
                    }
                    if (!close || expect == Expect.KEY) {
                        return -1;
                    }
                }
                case VALUE, VALUE_OR_CLOSE -> {
                    if (c == '{' || c == '[') {
                        if (depth == JsonCursor.MAX_DEPTH) {
                            return -1;
                        }
                        objects = c == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                        depth++;
                        i++;
                        expect = c == '{' ? Expect.KEY_OR_CLOSE : Expect.VALUE_OR_CLOSE;
                        continue;
                    }
                    if (!close) {
                        i = c == '"' ? skipString(bytes, i, end) : JsonTokens.scalarEnd(bytes, i, end);
                        if (i < 0) {
                            return -1;
                        }
                        expect = Expect.COMMA_OR_CLOSE;
                        continue;
                    }
                    if (expect == Expect.VALUE) {
                        return -1;
                    }
                }
            }
            // a closing bracket where one may come: of the kind of the container it closes
            depth--;
            if (((objects >>> depth & 1) == 1) != (c == '}')) {
                return -1;
            }
            i++;
            if (depth == 0) {
                return i;
            }
            expect = Expect.COMMA_OR_CLOSE;
        }
        return -1;
    }

    /**
     * Skips a string from its opening quote, eight bytes a step: every quote, backslash, control byte or byte beyond
     * ASCII of a step is handled before the next load, since tool answers hold text copies of JSON where every fifth
     * byte or so is one (16% faster than reloading at each, on the bench's answer).
     */
    static int skipString(byte[] bytes, int from, int end) {
        int i = from + 1;
        while (i + Long.BYTES <= end) {
            long word = (long) LONGS.get(bytes, i);
            long special = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | controlBytes(word)
                    | word & HIGH_BITS;
            int next = i + Long.BYTES;
            while (special != 0) {
                int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
                int after = afterSpecial(bytes, at, end);
                if (after <= 0) {
                    return after == 0 ? at + 1 : -1;
                }
                int taken = after - i; // bytes of this step up to the end of what was read
                if (taken >= Long.BYTES) {
                    next = after;
                    break;
                }
                special &= -1L << (taken << 3);
            }
            i = next;
        }
        while (i < end) {
            int after = afterSpecial(bytes, i, end);
            if (after <= 0) {
                return after == 0 ? i + 1 : -1;
            }
            i = after;
        }
        return -1;
    }

    /**
     * At {@code at} in a string: 0 for its closing quote, -1 for what a string may not hold, else the index after the
     * byte, escape or character there.
     */
    private static int afterSpecial(byte[] bytes, int at, int end) {
        byte c = bytes[at];
        if (c == '"') {
            return 0;
        } else if (c == '\\') {
            int length = JsonTokens.escapeLength(bytes, at, end);
            return length < 0 ? -1 : at + length;
        } else if (c < 0) {
            return JsonTokens.nonAsciiRunEnd(bytes, at, end);
        } else if (c < ' ') {
            return -1; // JSON strings may not hold raw control characters
        }
        return at + 1;
    }

    /** A high bit in exactly the bytes of {@code word} that are zero. */
    private static long zeroBytes(long word) {
        return ~(((word & LOW_BITS) + LOW_BITS) | word | LOW_BITS);
    }

    /** A high bit in exactly the bytes of {@code word} below 0x20 (control characters). */
    private static long controlBytes(long word) {
        return ~((word & LOW_BITS) + BELOW_SPACE) & ~word & HIGH_BITS;
    }
}
