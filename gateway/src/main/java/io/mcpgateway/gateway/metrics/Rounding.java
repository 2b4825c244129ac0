package io.mcpgateway.gateway.metrics;

/** How the gateway's JSON shows measured times, averages and rates: to two decimals, as the original did. */
public final class Rounding {

    private Rounding() {
    }

    /** {@code value} rounded to two decimal places (half up). */
    public static double twoDecimals(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
