package io.mcpgateway.gateway.toolmeta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.backend.BackendFailure;
import io.mcpgateway.gateway.backend.McpBackendClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools every backend offers, taken live from their {@code tools/list}. One registry feeds the REST routes (input
 * schemas), the OpenAPI document and {@code /tools/metadata}. A backend that is down is asked again on the next
 * refresh, but not more often than every few seconds when requests keep asking.
 */
public final class ToolRegistry {

    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);
    private static final Duration MIN_ON_DEMAND_REFRESH = Duration.ofSeconds(2);

    private final Map<String, McpBackendClient> backends;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Map<String, List<BackendTool>> toolsByBackend = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();

    public ToolRegistry(List<McpBackendClient> backends, JsonMapper mapper, Clock clock) {
        this.backends = new java.util.LinkedHashMap<>();
        backends.forEach(b -> this.backends.put(b.name(), b));
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Asks every backend for its tools; a backend that fails keeps what was known of it. */
    public void refreshAll() {
        backends.keySet().forEach(this::refresh);
    }

    /** Asks one backend for its tools; true when it answered. */
    public boolean refresh(String backend) {
        McpBackendClient client = backends.get(backend);
        if (client == null) {
            return false;
        }
        lastAttempt.put(backend, clock.instant());
        try {
            JsonNode listed = client.listTools().path("tools");
            List<BackendTool> tools = new ArrayList<>();
            for (JsonNode tool : listed) {
                Map<String, Object> definition = mapper.convertValue(tool, new TypeReference<Map<String, Object>>() { });
                tools.add(new BackendTool(backend, tool.path("name").asString(""), definition));
            }
            tools.sort(Comparator.comparing(BackendTool::name));
            List<BackendTool> previous = toolsByBackend.put(backend, List.copyOf(tools));
            if (previous == null || previous.size() != tools.size()) {
                log.info("Backend '{}' offers {} tools: {}", backend, tools.size(),
                        tools.stream().map(BackendTool::name).toList());
            }
            return true;
        } catch (BackendFailure e) {
            log.warn("Cannot list the tools of backend '{}': {}", backend, e.getMessage());
            return false;
        }
    }

    /** The tool, refreshing its backend once if it is not known yet (for example the backend started late). */
    public Optional<BackendTool> find(String backend, String tool) {
        Optional<BackendTool> found = known(backend, tool);
        if (found.isEmpty() && refreshDue(backend) && refresh(backend)) {
            found = known(backend, tool);
        }
        return found;
    }

    /** Every known tool, backends in configuration order, tools by name. */
    public List<BackendTool> all() {
        List<BackendTool> all = new ArrayList<>();
        backends.keySet().forEach(b -> all.addAll(toolsByBackend.getOrDefault(b, List.of())));
        return all;
    }

    public boolean knows(String backend) {
        return toolsByBackend.containsKey(backend);
    }

    private Optional<BackendTool> known(String backend, String tool) {
        return toolsByBackend.getOrDefault(backend, List.of()).stream().filter(t -> t.name().equals(tool)).findFirst();
    }

    private boolean refreshDue(String backend) {
        Instant last = lastAttempt.get(backend);
        return last == null || !clock.instant().isBefore(last.plus(MIN_ON_DEMAND_REFRESH));
    }
}
