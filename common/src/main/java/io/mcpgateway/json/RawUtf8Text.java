package io.mcpgateway.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.SerializableString;

/**
 * Raw JSON as Jackson writes it: UTF-8 bytes written as they are, never quoted. Subclasses say where the bytes lie;
 * the quoted forms and the character forms, which only the rare writer of characters asks for, follow from them.
 */
abstract sealed class RawUtf8Text implements SerializableString permits RawJson, RawJsonPieces {

    @Override
    public String getValue() {
        return new String(asUnquotedUTF8(), StandardCharsets.UTF_8);
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
    public byte[] asQuotedUTF8() {
        return asUnquotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        return appendUnquotedUTF8(buffer, at);
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        return appendUnquoted(buffer, at);
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        char[] chars = asQuotedChars();
        if (at + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, at, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return putUnquotedUTF8(buffer);
    }
}
