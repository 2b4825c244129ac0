package io.mcpgateway.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /**
     * The JSON object {@code pieces} make with {@code member} (its name, a colon and its value, as JSON) put first:
     * the new member, then the object's bytes after its brace, where they lie (copying a backend's result of tens of
     * kilobytes for the few bytes of a protocol revision's {@code resultType} was a few percent of a call's cost).
     * The object must not have a member of that name, which is not checked.
     *
     * @throws IllegalArgumentException when the pieces do not begin with an object
     */
    public static RawValue withFirstMember(List<RawJson> pieces, String member) {
        Position open = firstAfterWhitespace(pieces, 0, 0);
        if (open == null || open.value() != '{') {
            throw new IllegalArgumentException("Not a JSON object");
        }
        Position next = firstAfterWhitespace(pieces, open.piece(), open.at() + 1);
        boolean empty = next != null && next.value() == '}';
        List<RawJson> joined = new ArrayList<>(pieces.size() - open.piece() + 1);
        joined.add(RawJson.wrap(("{" + member + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8)));
        RawJson opening = pieces.get(open.piece());
        joined.add(opening.slice(open.at() + 1, opening.length()));
        joined.addAll(pieces.subList(open.piece() + 1, pieces.size()));
        return value(joined);
    }

    /** A byte of the pieces: which piece, where in it, and the byte. */
    private record Position(int piece, int at, byte value) {
    }

    /** The first byte that is not whitespace from piece {@code piece}'s {@code at} on; null when there is none. */
    private static Position firstAfterWhitespace(List<RawJson> pieces, int piece, int at) {
        for (int p = piece, i = at; p < pieces.size(); p++, i = 0) {
            for (RawJson current = pieces.get(p); i < current.length(); i++) {
                if (!JsonTokens.isWhitespace(current.byteAt(i))) {
                    return new Position(p, i, current.byteAt(i));
                }
            }
        }
        return null;
    }

    /**
     * The object {@code [start, end)} of {@code utf8} without its member {@code [from, to)} and the comma that parts
     * it from the others, in two pieces where the bytes lie: a backend's result of MCP 2026-07-28 as the earlier
     * revisions have it, to which {@link #withFirstMember} puts the member back for callers of 2026-07-28. Neither the
     * object nor the member is checked.
     */
    public static RawValue withoutMember(byte[] utf8, int start, int end, int from, int to) {
        int before = from - 1;
        while (JsonTokens.isWhitespace(utf8[before])) {
            before--;
        }
        int after = to;
        while (JsonTokens.isWhitespace(utf8[after])) {
            after++;
        }
        if (utf8[after] == ',') {
            to = after + 1; // the first or a middle member: its comma after it
        } else if (utf8[before] == ',') {
            from = before; // the last: the comma before it
        }
        return value(List.of(RawJson.wrap(utf8, start, from), RawJson.wrap(utf8, to, end)));
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
