package io.mcpgateway.restaurant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Data-quality facts the crawler recorded about one restaurant record. */
public record RestaurantMetadata(
        @JsonProperty("data_quality") String dataQuality,
        @JsonProperty("version") String version,
        @JsonProperty("quality_score") int qualityScore) {

    public static final RestaurantMetadata UNKNOWN = new RestaurantMetadata("", "", 0);

    public RestaurantMetadata {
        dataQuality = dataQuality == null ? "" : dataQuality;
        version = version == null ? "" : version;
    }
}
