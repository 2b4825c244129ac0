package io.mcpgateway.json;

/**
 * The checks of JSON's smallest parts that both skippers ({@link ByteWiseJsonSkipper}, {@link VectorJsonSkipper})
 * make the same way: literals and numbers (RFC 8259 §3, §6), escapes (§7) and UTF-8 (RFC 3629, as the JDK's decoder
 * reads it: no overlong forms, no surrogates, nothing past U+10FFFF).
 */
final class JsonTokens {

    private JsonTokens() {
    }

    static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * Where the literal ({@code true}, {@code false}, {@code null}) or number starting at {@code from} ends (the index
     * after it), or -1 when what runs from there to the next delimiter is not exactly one: {@code NaN},
     * {@code Infinity}, {@code 01}, {@code 1.}, {@code .5}, {@code +1}, {@code tru}, {@code 1#}.
     */
    static int scalarEnd(byte[] bytes, int from, int end) {
        int at = switch (from < end ? bytes[from] : 0) {
            case 't' -> literal(bytes, from, end, "true");
            case 'f' -> literal(bytes, from, end, "false");
            case 'n' -> literal(bytes, from, end, "null");
            default -> numberEnd(bytes, from, end);
        };
        return at < 0 || at < end && !isDelimiter(bytes[at]) ? -1 : at;
    }

    /** What may follow a literal or number: whitespace, a quote, bracket, comma or colon (the grammar says which). */
    private static boolean isDelimiter(byte c) {
        return switch (c) {
            case ' ', '\n', '\r', '\t', '"', ',', ':', '[', ']', '{', '}' -> true;
            default -> false;
        };
    }

    private static int literal(byte[] bytes, int from, int end, String word) {
        if (end - from < word.length()) {
            return -1;
        }
        for (int i = 1; i < word.length(); i++) {
            if (bytes[from + i] != word.charAt(i)) {
                return -1;
            }
        }
        return from + word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}: the index after it, or -1. */
    private static int numberEnd(byte[] bytes, int from, int end) {
        int i = from;
        if (i < end && bytes[i] == '-') {
            i++;
        }
        if (i >= end || !isDigit(bytes[i])) {
            return -1;
        }
        if (bytes[i] == '0') {
            i++;
        } else {
            i = digitsEnd(bytes, i, end);
        }
        if (i < end && bytes[i] == '.') {
            int fraction = i + 1;
            i = digitsEnd(bytes, fraction, end);
            if (i == fraction) {
                return -1;
            }
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            int exponent = i;
            i = digitsEnd(bytes, exponent, end);
            if (i == exponent) {
                return -1;
            }
        }
        return i;
    }

    private static int digitsEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && isDigit(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * How many bytes the escape whose backslash is at {@code at} takes ({@code \n}: 2, {@code \u00e9}: 6), or -1 when
     * it is none JSON has.
     */
    static int escapeLength(byte[] bytes, int at, int end) {
        if (at + 1 >= end) {
            return -1;
        }
        return switch (bytes[at + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> 2;
            case 'u' -> at + 5 < end && isHex(bytes[at + 2]) && isHex(bytes[at + 3]) && isHex(bytes[at + 4])
                    && isHex(bytes[at + 5]) ? 6 : -1;
            default -> -1;
        };
    }

    private static boolean isHex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * Where the run of bytes of 0x80 and above starting at {@code from} ends (the index after it), or -1 when it is not
     * a sequence of whole, well-formed UTF-8 characters (every byte of a character beyond ASCII is 0x80 or above, so
     * such a run holds whole characters and nothing else). The same rules as {@link io.mcpgateway.text.StrictUtf8}'s
     * JDK decoder, checked in place: this runs for each such run in a backend's answer, where a decoder per run would
     * allocate one and a buffer of characters each time.
     */
    static int nonAsciiRunEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && bytes[i] < 0) {
            int lead = bytes[i] & 0xFF;
            if (lead >= 0xE1 && lead <= 0xEC && end - i > 2 && (bytes[i + 1] & 0xC0) == 0x80
                    && (bytes[i + 2] & 0xC0) == 0x80) {
                i += 3; // U+1000 to U+CFFF, CJK among them: the common case of text beyond Latin, checked at once
                continue;
            }
            i = characterEnd(bytes, i, end);
            if (i < 0) {
                return -1;
            }
        }
        return i;
    }

    /** Where the character beyond ASCII starting at {@code at} ends, or -1 when it is malformed. */
    private static int characterEnd(byte[] bytes, int at, int end) {
        int lead = bytes[at] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0; // shorter forms are overlong
            } else if (lead == 0xED) {
                secondMax = 0x9F; // surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F; // past U+10FFFF
            }
        } else {
            return -1; // a continuation byte first, an overlong two-byte form, or no UTF-8 byte at all
        }
        if (end - at < length) {
            return -1;
        }
        int second = bytes[at + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return -1;
        }
        for (int i = 2; i < length; i++) {
            if ((bytes[at + i] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return at + length;
    }
}
