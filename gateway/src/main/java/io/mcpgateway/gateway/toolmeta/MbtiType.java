package io.mcpgateway.gateway.toolmeta;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sixteen MBTI personality types, in the order {@code /tools/metadata} lists them (REFERENCE-SPEC §4.9). */
public enum MbtiType {
    ENFJ, ENFP, ENTJ, ENTP, ESFJ, ESFP, ESTJ, ESTP, INFJ, INFP, INTJ, INTP, ISFJ, ISFP, ISTJ, ISTP;

    /** Every type's name, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    /** The type with this name, ignoring case; empty for anything else. */
    public static Optional<MbtiType> parse(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(upper)).findFirst();
    }
}
