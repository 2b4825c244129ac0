package io.mcpgateway.gateway.toolmeta;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A worked call of a tool: the arguments and, in words, what comes back (the original's {@code output}, REFERENCE-SPEC
 * §4.9).
 *
 * @param notes optional remarks (limits, pitfalls); omitted from the JSON when absent
 */
public record ToolExample(
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("input") Map<String, Object> input,
        @JsonProperty("output") String output,
        @JsonProperty("notes") @JsonInclude(JsonInclude.Include.NON_NULL) String notes) {

    public ToolExample {
        GuidanceFields.text("title", title);
        GuidanceFields.text("description", description);
        input = GuidanceFields.object("input", input);
        GuidanceFields.text("output", output);
        notes = GuidanceFields.optionalText(notes);
    }
}
