package io.mcpgateway.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

import tools.jackson.databind.util.RawValue;

/**
 * JSON that is already UTF-8 bytes, written as it is where a value is expected ({@link #value} in a map or record
 * Jackson serialises). Used to pass a backend's JSON through without parsing it into a tree and writing it again,
 * which were most of a gateway request's CPU (JFR profile of bench/gateway.sh). It may be a slice of a larger array
 * (a part of a backend's answer), so passing it on copies nothing until the answer is written.
 */
public final class RawJson extends RawUtf8Text {

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private RawJson(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(bytes, "bytes").length);
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** {@code utf8} must hold one complete JSON value; it is not checked. */
    public static RawValue value(byte[] utf8) {
        return value(utf8, 0, utf8.length);
    }

    /** The bytes {@code [from, to)} of {@code utf8}, which must be one complete JSON value; it is not checked. */
    public static RawValue value(byte[] utf8, int from, int to) {
        return new RawValue(new RawJson(utf8, from, to - from));
    }

    /** {@code utf8} as raw JSON; it must hold one complete JSON value, which is not checked. */
    public static RawJson wrap(byte[] utf8) {
        return new RawJson(utf8, 0, utf8.length);
    }

    /** The bytes {@code [from, to)} of {@code utf8} as raw JSON, unchecked, where they lie. */
    public static RawJson wrap(byte[] utf8, int from, int to) {
        return new RawJson(utf8, from, to - from);
    }

    /** The raw JSON of a value made by {@link #value}, or null for any other value. */
    public static RawJson of(Object value) {
        return value instanceof RawValue raw && raw.rawValue() instanceof RawJson json ? json : null;
    }

    /**
     * This JSON object with {@code member} (its name, a colon and its value, as JSON) put first, in pieces
     * ({@link RawJsonPieces#withFirstMember}).
     *
     * @throws IllegalArgumentException when it is not an object
     */
    public RawValue withFirstMember(String member) {
        return RawJsonPieces.withFirstMember(List.of(this), member);
    }

    /** Its byte at {@code index}. */
    byte byteAt(int index) {
        Objects.checkIndex(index, length);
        return bytes[offset + index];
    }

    /** Its bytes {@code [from, to)}, where they lie. */
    RawJson slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        return new RawJson(bytes, offset + from, to - from);
    }

    /** Its length in bytes. */
    public int length() {
        return length;
    }

    /** Copies its bytes into {@code target} from {@code at}; the index after them. */
    public int copyTo(byte[] target, int at) {
        System.arraycopy(bytes, offset, target, at, length);
        return at + length;
    }

    /** Copies its bytes {@code [from, from + count)} into {@code target} from {@code at}; the index after them. */
    public int copyTo(byte[] target, int at, int from, int count) {
        Objects.checkFromIndexSize(from, count, length);
        System.arraycopy(bytes, offset + from, target, at, count);
        return at + count;
    }

    /** Writes its bytes {@code [from, from + count)} to {@code out}, from where they are. */
    public void writeTo(OutputStream out, int from, int count) throws IOException {
        Objects.checkFromIndexSize(from, count, length);
        out.write(bytes, offset + from, count);
    }

    /** Adds its bytes to {@code checksum}. */
    public void updateChecksum(Checksum checksum) {
        checksum.update(bytes, offset, length);
    }

    /** Makes its bytes the input of {@code deflater}, without copying them. */
    public void setAsInputOf(Deflater deflater) {
        deflater.setInput(bytes, offset, length);
    }

    /** The bytes it keeps from being collected: the whole array it is a slice of. */
    public int retainedBytes() {
        return bytes.length;
    }

    /** Whether it is a slice of the same array as {@code other}. */
    public boolean sharesBytesWith(RawJson other) {
        return other != null && other.bytes == bytes;
    }

    /** A copy of its bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return offset == 0 && length == bytes.length ? bytes : toByteArray();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1;
        }
        copyTo(buffer, at);
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }
}
