package io.mcpgateway.app.diagnostics.logs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The incidents the gateway logs a message for when they begin and end, each kind a section of the report. The
 * patterns are the gateway's own messages (FailoverBucketStore, IssuerKeys, ReloadingGateway, ToolPins): a change to
 * one of them needs its twin here.
 */
final class GatewayIncidents {

    private GatewayIncidents() {
    }

    /** Redis, which shares the rate limits between instances, out of reach (each instance counts alone) and back. */
    static IncidentTimeline rateLimitStore() {
        return new IncidentTimeline("Rate-limit store (Redis)", "rate_limit_store", List.of(
                // "is unreachable" in the logs of versions before 2026-12-07
                IncidentMessage.of("fell back to local counting", "Rate limits: Redis (?:is unreachable|cannot be"
                        + " used) \\((.*)\\); counting in local buckets per instance until it answers again", "Redis",
                        m -> "cannot be used (" + m.group(1) + "): limits counted per instance"),
                IncidentMessage.of("recovered", "Rate limits: Redis answers again; limits are shared by all"
                        + " instances again", "Redis", m -> "answers again: limits shared by all instances")));
    }

    /** The identity provider's key set out of reach (tokens of new keys refused) and back, and its keys changing. */
    static IncidentTimeline issuerKeys() {
        return new IncidentTimeline("Identity provider keys", "issuer_keys", List.of(
                IncidentMessage.of("unreachable", "The issuer's key set cannot be fetched: (.*); tokens signed with"
                        + " the keys fetched before are still verified", "key set", m -> "unreachable: " + m.group(1)),
                IncidentMessage.of("reachable again", "The issuer's key set (\\S+) can be fetched again", "key set",
                        m -> "reachable again: " + m.group(1)),
                IncidentMessage.of("key set changed", "The issuer's key set changed: key ids (\\[.*\\]) \\(before:"
                        + " (\\[.*\\])\\); tokens signed with a key no longer published are refused", "key set",
                        m -> "changed: key ids " + m.group(1) + " (before: " + m.group(2) + ")")));
    }

    /**
     * Configuration reloads (POST /config/reload or the file watch): applied, with the sections that changed, or
     * failed, with the code {@code /config/reload} answers for it and the reason.
     */
    static IncidentTimeline reloads() {
        return new IncidentTimeline("Reloads", "reloads", List.of(
                IncidentMessage.of("applied", "Configuration reloaded \\((\\[.*\\]) changed\\): the previous gateway"
                        + " finishes its requests and stops", "configuration", m -> "reloaded: " + m.group(1)
                        + " changed"),
                // before the invalid configuration's message, which starts the same
                IncidentMessage.of("failed", "Configuration not reloaded: (a gateway could not be started with it:"
                        + " .*)", "configuration", m -> "not reloaded (RELOAD_FAILED): " + m.group(1)),
                IncidentMessage.of("failed", "Configuration not reloaded: (.*)", "configuration",
                        m -> "not reloaded (INVALID_CONFIGURATION): " + m.group(1))));
    }

    /** A backend tool's definition no longer the one pinned (its hash before and now), and back to its pin. */
    static IncidentTimeline toolDefinitions() {
        String tool = "Tool '([^']+)' of backend '([^']+)' ";
        return new IncidentTimeline("Tool definition changes", "tool_definition_changes", List.of(
                new IncidentMessage("changed", Pattern.compile(tool + "changed its definition: pinned (\\S+), now"
                        + " ([^;\\s]+)(.*)"), m -> m.group(2) + "/" + m.group(1),
                        m -> "changed its definition: pinned " + m.group(3) + ", now " + m.group(4) + m.group(5)),
                new IncidentMessage("back to its pin", Pattern.compile(tool + "matches its pin (\\S+) again"),
                        m -> m.group(2) + "/" + m.group(1), m -> "matches its pin " + m.group(3) + " again")));
    }
}
