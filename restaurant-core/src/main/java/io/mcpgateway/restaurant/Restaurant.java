package io.mcpgateway.restaurant;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.mcpgateway.text.Spaces;

/**
 * One restaurant as the search tools return it (snake_case wire names of the original's output, REFERENCE-SPEC §2.2).
 *
 * <p>{@code mealType} holds cuisine tags, not meal periods: the name is the original's. {@code district} and
 * {@code locationCategory} are the catalog district and region of the file the record came from, because the
 * record-level fields of the original data are unreliable (REFERENCE-SPEC §7.12).
 */
@JsonPropertyOrder({"id", "name", "address", "meal_type", "sentiment", "location_category", "district", "price_range",
        "operating_hours", "metadata"})
public record Restaurant(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("address") String address,
        @JsonProperty("meal_type") List<String> mealType,
        @JsonProperty("sentiment") Sentiment sentiment,
        @JsonProperty("location_category") String locationCategory,
        @JsonProperty("district") String district,
        @JsonProperty("price_range") String priceRange,
        @JsonProperty("operating_hours") OperatingHours operatingHours,
        @JsonProperty("metadata") RestaurantMetadata metadata) {

    public Restaurant {
        Objects.requireNonNull(id, "id");
        if (Spaces.isBlank(id)) {
            throw new IllegalArgumentException("id must not be blank");
        }
        name = Objects.requireNonNullElse(name, "");
        address = Objects.requireNonNullElse(address, "");
        mealType = mealType == null ? List.of() : List.copyOf(mealType);
        sentiment = Objects.requireNonNullElse(sentiment, Sentiment.NONE);
        locationCategory = Objects.requireNonNullElse(locationCategory, "");
        district = Objects.requireNonNullElse(district, "");
        priceRange = Objects.requireNonNullElse(priceRange, "");
        operatingHours = Objects.requireNonNullElse(operatingHours, OperatingHours.UNKNOWN);
        metadata = Objects.requireNonNullElse(metadata, RestaurantMetadata.UNKNOWN);
    }
}
