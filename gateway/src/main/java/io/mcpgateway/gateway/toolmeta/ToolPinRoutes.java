package io.mcpgateway.gateway.toolmeta;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.http.JsonResponses;

/**
 * {@code GET /tools/pins}: every listed tool's definition hash and where it stands against its pin. Its {@code pins}
 * are what a pins file needs to accept every tool as it is now: {@code curl .../tools/pins > pins.json}.
 */
public final class ToolPinRoutes {

    public static final String PATH = "/tools/pins";

    private final ToolPins pins;
    private final Clock clock;

    public ToolPinRoutes(ToolPins pins, Clock clock) {
        this.pins = Objects.requireNonNull(pins, "pins");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::list);
    }

    private void list(Context ctx) {
        Map<String, ToolPins.PinState> states = pins.states();
        Map<String, Object> tools = new LinkedHashMap<>();
        states.forEach((key, state) -> tools.put(key, state.toJson()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pins", pins.currentHashes());
        data.put("tools", tools);
        data.put("changed", states.values().stream().filter(ToolPins.PinState::changed).count());
        data.put("timestamp", clock.instant().toString());
        JsonResponses.success(ctx, data);
    }
}
