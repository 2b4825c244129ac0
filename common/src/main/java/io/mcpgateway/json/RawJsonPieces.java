package io.mcpgateway.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import tools.jackson.databind.util.RawValue;

/**
 * One JSON value written from several pieces of raw JSON one after the other, each from where its bytes lie: a
 * backend's result with a member put before its own ({@link RawJson#withFirstMember}) without copying the result.
 * Writers that take pieces ({@link #of}) write them as they are; Jackson, through the serializable string it is, gets
 * them joined unless its buffer has room for them.
 */
public final class RawJsonPieces extends RawUtf8Text {

    private final List<RawJson> pieces;

    private RawJsonPieces(List<RawJson> pieces) {
        this.pieces = List.copyOf(pieces);
    }

    /** {@code pieces} one after the other must make one complete JSON value; it is not checked. */
    public static RawValue value(List<RawJson> pieces) {
        return new RawValue(new RawJsonPieces(pieces));
    }

    /** The pieces of a value made by {@link #value} or {@link RawJson#value}; null for any other value. */
    public static List<RawJson> of(Object value) {
        if (value instanceof RawValue raw) {
            if (raw.rawValue() instanceof RawJson json) {
                return List.of(json);
            }
            if (raw.rawValue() instanceof RawJsonPieces joined) {
                return joined.pieces;
            }
        }
        return null;
    }

    private int length() {
        int length = 0;
        for (RawJson piece : pieces) {
            length += piece.length();
        }
        return length;
    }

    private byte[] joined() {
        byte[] joined = new byte[length()];
        int at = 0;
        for (RawJson piece : pieces) {
            at = piece.copyTo(joined, at);
        }
        return joined;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return joined();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        int length = length();
        if (at + length > buffer.length) {
            return -1;
        }
        int end = at;
        for (RawJson piece : pieces) {
            end = piece.copyTo(buffer, end);
        }
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        for (RawJson piece : pieces) {
            piece.writeUnquotedUTF8(out);
        }
        return length();
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        int length = length();
        if (buffer.remaining() < length) {
            return -1;
        }
        for (RawJson piece : pieces) {
            piece.putUnquotedUTF8(buffer);
        }
        return length;
    }
}
