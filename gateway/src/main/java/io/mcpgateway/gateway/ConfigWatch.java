package io.mcpgateway.gateway;

import io.mcpgateway.gateway.config.ConfigSource;
import io.mcpgateway.gateway.config.ReloadOutcome;

/**
 * What the configuration watch decides at each look at the file: whether to reload, and what it has seen. A new
 * reading is reloaded once the next look finds it again: a file written in place (emptied, then filled, by an editor
 * or a script) is not applied half-written. A reading already applied, found unchanged or invalid is not reloaded
 * again until it changes; one a gateway could not be started with (a port taken, the issuer out of reach) is tried
 * again at the next look, then less and less often, up to every 32nd.
 */
final class ConfigWatch {

    private ConfigSource.Reading seen; // the last reading applied, found unchanged or invalid
    private ConfigSource.Reading settling; // a new reading seen at one look, to be found again at the next
    private ConfigSource.Reading failed; // the last one a gateway could not be started with
    private int failures;
    private int looksToSkip;

    /** Whether the reading {@code now} should be reloaded. */
    boolean shouldReload(ConfigSource.Reading now) {
        if (now.equals(seen)) {
            settling = null;
            return false;
        }
        if (!now.equals(settling)) {
            settling = now;
            return false;
        }
        if (!now.equals(failed)) {
            failures = 0;
            return true;
        }
        return looksToSkip-- <= 0;
    }

    /** Notes what the reload of the reading {@code now} came to. */
    void reloaded(ConfigSource.Reading now, ReloadOutcome outcome) {
        // The reload reads the file again: invalid where this look found it valid, it met a write under way
        // (truncated, then written), and what this look read was not judged. The next look tries again.
        boolean readMidWrite = outcome instanceof ReloadOutcome.Invalid && now.valid();
        if (outcome instanceof ReloadOutcome.Failed) {
            failed = now;
            failures++;
            looksToSkip = (1 << Math.min(failures, 5)) - 1;
        } else if (!readMidWrite) {
            seen = now;
            failed = null;
        }
    }
}
