package io.mcpgateway.gateway.config;

import java.util.List;

/** What {@code POST /config/reload} did with the configuration it read again. */
public sealed interface ReloadOutcome {

    /** The configuration read equals the running one: nothing was restarted. */
    record Unchanged() implements ReloadOutcome {
    }

    /**
     * A gateway with the new configuration serves now; the previous one finishes its requests and stops.
     *
     * @param warnings what the new configuration made worse that did not stop it: a backend that served before and
     *     cannot be reached now (a typo in its address, say)
     */
    record Applied(List<String> changedSections, int port, Environment environment, List<String> warnings)
            implements ReloadOutcome {
        public Applied {
            changedSections = List.copyOf(changedSections);
            warnings = List.copyOf(warnings);
        }
    }

    /** The configuration read is not valid: the running one stays. */
    record Invalid(List<String> problems) implements ReloadOutcome {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** The configuration is valid but a gateway could not be started with it: the running one stays. */
    record Failed(String reason) implements ReloadOutcome {
    }
}
