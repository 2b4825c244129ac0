package io.mcpgateway.gateway.config;

import java.util.List;

/**
 * A REST route: {@code method path} calls {@code tool} on {@code backend} with the JSON body as its arguments.
 *
 * @param requiredScopes scopes (or Cognito groups) a caller needs; empty means any authenticated caller
 */
public record RouteSettings(String method, String path, String backend, String tool, List<String> requiredScopes) {

    public RouteSettings {
        requiredScopes = List.copyOf(requiredScopes);
    }

    /** The restaurant routes of the original API (REFERENCE-SPEC §4.4): the default route table. */
    public static List<RouteSettings> restaurantDefaults() {
        String search = GatewayConfig.SEARCH_BACKEND;
        String reasoning = GatewayConfig.REASONING_BACKEND;
        return List.of(
                new RouteSettings("POST", "/api/v1/restaurants/search/district", search,
                        "search_restaurants_by_district", List.of()),
                new RouteSettings("POST", "/api/v1/restaurants/search/meal-type", search,
                        "search_restaurants_by_meal_type", List.of()),
                new RouteSettings("POST", "/api/v1/restaurants/search/combined", search,
                        "search_restaurants_combined", List.of()),
                new RouteSettings("POST", "/api/v1/restaurants/recommend", reasoning, "recommend_restaurants",
                        List.of()),
                new RouteSettings("POST", "/api/v1/restaurants/analyze", reasoning, "analyze_restaurant_sentiment",
                        List.of()));
    }
}
