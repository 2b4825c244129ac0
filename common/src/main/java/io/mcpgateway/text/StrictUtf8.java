package io.mcpgateway.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Whether bytes are strict UTF-8 JSON text (RFC 8259 §8.1). Jackson decodes some invalid forms, overlong encodings
 * among them ("/" as C0 AF), and detects UTF-16 and UTF-32 by their zero bytes, which would let text past checks it
 * should fail; the JDK's decoder refuses every invalid form, and a zero byte is never valid JSON text in UTF-8.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** Whether {@code bytes} can be JSON text: strict UTF-8 without zero bytes. */
    public static boolean isJsonText(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
            ascii &= b >= 0;
        }
        if (ascii) {
            return true; // the usual case: nothing to decode
        }
        try {
            decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The text {@code bytes} hold, refusing every invalid form (a new decoder reports them, where String replaces). */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
