package io.mcpgateway.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The JSON type of a value as Jackson reads it, in words for error messages ("a string", "an object"...). */
public final class JsonTypes {

    private JsonTypes() {
    }

    public static String nameOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof Map ? "an object" : value.getClass().getSimpleName();
    }

    /**
     * {@code value} as a whole number where JSON Schema counts it an integer: 5, and 5.0 or 1e2 too; null for a
     * fraction, a boolean, a string or anything else. The JSON readers refuse numbers out of range before this.
     */
    public static BigInteger integerOf(Object value) {
        return switch (value) {
            case Integer i -> BigInteger.valueOf(i);
            case Long l -> BigInteger.valueOf(l);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            case BigInteger big -> big;
            case BigDecimal big when big.stripTrailingZeros().scale() <= 0 -> big.toBigIntegerExact();
            case Double d when Double.isFinite(d) && d == Math.rint(d) -> BigDecimal.valueOf(d).toBigIntegerExact();
            case Float f when Float.isFinite(f) && f == Math.rint(f) -> BigDecimal.valueOf(f).toBigIntegerExact();
            case null, default -> null;
        };
    }
}
