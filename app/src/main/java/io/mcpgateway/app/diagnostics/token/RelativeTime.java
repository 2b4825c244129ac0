package io.mcpgateway.app.diagnostics.token;

import java.time.Duration;
import java.time.Instant;

/** A moment relative to now, as a person says it: "in 59 min", "3 h ago", "in 45 s". */
final class RelativeTime {

    private RelativeTime() {
    }

    static String describe(Instant then, Instant now) {
        Duration gap = Duration.between(now, then);
        String amount = amount(gap.abs());
        return gap.isNegative() ? amount + " ago" : "in " + amount;
    }

    private static String amount(Duration d) {
        if (d.toSeconds() < 120) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
