package io.mcpgateway.text;

import java.text.Normalizer;
import java.util.Locale;

/** The form two spellings of one name share, for names people type: districts, meal types, data keys. */
public final class LooseNames {

    private LooseNames() {
    }

    /**
     * In lower case, with compatibility forms folded (full-width "ＴＳＴ", typed on CJK keyboards, is "tst"): what
     * {@link #compact} starts from, where word boundaries still matter.
     */
    public static String folded(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the name holds a control character that is not white space (a NUL, a bell, an escape; a tab is space):
     * no one types one, so such a name matches nothing rather than the name it would make without them.
     */
    public static boolean hasControl(String name) {
        return name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && !Spaces.isSpace(c));
    }

    /**
     * Its letters and digits only, {@link #folded}: {@code "Mong-Kok"}, {@code " mongkok "} and {@code "ＭＯＮＧ
     * ＫＯＫ"} are all {@code "mongkok"}.
     */
    public static String compact(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        folded(name).codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
