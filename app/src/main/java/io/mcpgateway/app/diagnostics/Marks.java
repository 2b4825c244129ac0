package io.mcpgateway.app.diagnostics;

import java.nio.charset.Charset;

/**
 * The symbols a check line starts with: ✅ ⚠️ ❌ ➖ where the output can show them, plain words where it cannot (a
 * container without a UTF-8 locale would print {@code ?} instead).
 */
public record Marks(String pass, String warn, String fail, String skip) {

    public static final Marks UNICODE = new Marks("✅", "⚠️", "❌", "➖");
    public static final Marks ASCII = new Marks("[ OK ]", "[WARN]", "[FAIL]", "[SKIP]");

    /** The marks standard output's encoding ({@code stdout.encoding}) can carry. */
    public static Marks forStdout() {
        return forCharset(System.getProperty("stdout.encoding", "UTF-8"));
    }

    static Marks forCharset(String charsetName) {
        try {
            Charset charset = Charset.forName(charsetName);
            return charset.newEncoder().canEncode(UNICODE.pass() + UNICODE.warn() + UNICODE.fail()) ? UNICODE : ASCII;
        } catch (IllegalArgumentException e) { // unknown or unsupported charset name
            return ASCII;
        }
    }

    public String of(Check.Status status) {
        return switch (status) {
            case PASS -> pass;
            case WARN -> warn;
            case FAIL -> fail;
            case SKIP -> skip;
        };
    }

    /** One check as a line: {@code ✅ name: detail}. */
    public String line(Check check) {
        return of(check.status()) + " " + check.name() + (check.detail().isEmpty() ? "" : ": " + check.detail());
    }
}
