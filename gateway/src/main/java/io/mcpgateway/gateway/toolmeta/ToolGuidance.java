package io.mcpgateway.gateway.toolmeta;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a model needs to know to pick and call a tool well, beyond its schema: its category, purpose, use cases,
 * guidance per MBTI personality type and worked examples. Guidance is data (see {@link ToolGuidanceCatalog}); the
 * gateway itself knows nothing about what a tool does.
 *
 * @param displayName optional; a tool without one is shown by the title its backend publishes
 * @param rateLimit optional; the limit operators advertise for the tool's route, as text
 */
public record ToolGuidance(
        @JsonProperty("category") String category,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("rate_limit") String rateLimit,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("use_cases") List<UseCase> useCases,
        @JsonProperty("mbti_integration") List<MbtiGuidance> mbtiIntegration,
        @JsonProperty("examples") List<ToolExample> examples) {

    /** Lower case so that the category route can match it case-insensitively. */
    static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public ToolGuidance {
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("category must match " + CATEGORY.pattern() + " but was " + category);
        }
        displayName = GuidanceFields.optionalText(displayName);
        rateLimit = GuidanceFields.optionalText(rateLimit);
        GuidanceFields.text("purpose", purpose);
        useCases = GuidanceFields.items("use_cases", useCases);
        mbtiIntegration = GuidanceFields.items("mbti_integration", mbtiIntegration);
        examples = GuidanceFields.items("examples", examples);
        Set<MbtiType> seen = new HashSet<>();
        for (MbtiGuidance guidance : mbtiIntegration) {
            if (!seen.add(guidance.personalityType())) {
                throw new IllegalArgumentException("mbti_integration lists " + guidance.personalityType() + " twice");
            }
        }
    }

    /** True when this guidance says how the tool serves the given personality type. */
    public boolean covers(MbtiType type) {
        return mbtiIntegration.stream().anyMatch(g -> g.isFor(type));
    }

    /** The same guidance with only the MBTI entry for the given type. */
    public ToolGuidance narrowedTo(MbtiType type) {
        return new ToolGuidance(category, displayName, rateLimit, purpose, useCases,
                mbtiIntegration.stream().filter(g -> g.isFor(type)).toList(), examples);
    }
}
