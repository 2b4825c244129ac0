package io.mcpgateway.gateway.toolmeta;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A situation a tool is made for, told to a model choosing between tools.
 *
 * @param exampleInput arguments the tool would receive in this situation
 */
public record UseCase(
        @JsonProperty("scenario") String scenario,
        @JsonProperty("when_to_use") String whenToUse,
        @JsonProperty("example_input") Map<String, Object> exampleInput,
        @JsonProperty("expected_outcome") String expectedOutcome) {

    public UseCase {
        GuidanceFields.text("scenario", scenario);
        GuidanceFields.text("when_to_use", whenToUse);
        exampleInput = GuidanceFields.object("example_input", exampleInput);
        GuidanceFields.text("expected_outcome", expectedOutcome);
    }
}
