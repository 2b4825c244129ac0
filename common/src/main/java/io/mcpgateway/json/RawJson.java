package io.mcpgateway.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import tools.jackson.core.SerializableString;
import tools.jackson.databind.util.RawValue;

/**
 * JSON that is already UTF-8 bytes, written as it is where a value is expected ({@link #value()} in a map or record
 * Jackson serialises). Used to pass a backend's JSON through without parsing it into a tree and writing it again,
 * which were most of a gateway request's CPU (JFR profile of bench/gateway.sh).
 */
public final class RawJson implements SerializableString {

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = Objects.requireNonNull(utf8, "utf8");
    }

    /** {@code utf8} must hold one complete JSON value; it is not checked. */
    public static RawValue value(byte[] utf8) {
        return new RawValue(new RawJson(utf8));
    }

    /** Whether {@code value} was made by {@link #value(byte[])}. */
    public static boolean isRaw(Object value) {
        return bytesOf(value) != null;
    }

    /** The bytes of a value made by {@link #value(byte[])}, or null for any other value. */
    public static byte[] bytesOf(Object value) {
        return value instanceof RawValue raw && raw.rawValue() instanceof RawJson json ? json.utf8 : null;
    }

    @Override
    public String getValue() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
        return utf8;
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return appendUnquotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return appendUnquoted(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        char[] chars = asQuotedChars();
        if (offset + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, offset, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < utf8.length) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }
}
