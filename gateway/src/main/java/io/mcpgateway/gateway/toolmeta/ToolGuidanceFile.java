package io.mcpgateway.gateway.toolmeta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shape of one guidance document: {@code {"tools": {"<tool name>": {<guidance>}, ...}}}.
 *
 * @param tools guidance by tool name, in document order
 */
record ToolGuidanceFile(@JsonProperty("tools") Map<String, ToolGuidance> tools) {

    ToolGuidanceFile {
        if (tools == null) {
            throw new IllegalArgumentException("tools is required: an object from tool name to its guidance");
        }
        tools.forEach((name, guidance) -> {
            if (!ToolGuidanceCatalog.TOOL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tool name must match " + ToolGuidanceCatalog.TOOL_NAME.pattern()
                        + " but was '" + name + "'");
            }
            if (guidance == null) {
                throw new IllegalArgumentException("the guidance of '" + name + "' must be an object, not null");
            }
        });
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }
}
