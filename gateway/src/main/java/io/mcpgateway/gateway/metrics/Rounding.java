package io.mcpgateway.gateway.metrics;

import java.math.BigDecimal;

/** How the gateway's JSON shows measured times, averages and rates: to two decimals, as the original did. */
public final class Rounding {

    private Rounding() {
    }

    /** {@code value} rounded to two decimal places (half up). */
    public static double twoDecimals(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /**
     * {@code value} as text with {@code places} decimals, like {@code String.format("%.3f")} but without parsing a
     * format per call (it is written for every request: log fields, access lines).
     */
    public static String decimals(double value, int places) {
        return BigDecimal.valueOf(Math.round(value * Math.pow(10, places)), places).toPlainString();
    }
}
