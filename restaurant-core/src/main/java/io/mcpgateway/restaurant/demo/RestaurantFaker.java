package io.mcpgateway.restaurant.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Makes one plausible restaurant record in the data files' camelCase format from a seeded {@link Random}, so the
 * same seed always gives the same record.
 */
final class RestaurantFaker {

    private static final List<String> NAME_STARTS = List.of("Golden", "Jade", "Harbour", "Lucky", "Dragon", "Silver",
            "Peak", "Bamboo", "Lotus", "Red Lantern", "Star Ferry", "Typhoon", "Neon", "Tea Garden", "Pearl", "Phoenix",
            "Moon", "Island", "Old Town", "Ocean");
    private static final List<String> NAME_ENDS = List.of("Kitchen", "Noodle House", "Dim Sum", "Cafe", "Bistro",
            "Tea Restaurant", "Roast Meats", "Congee", "Grill", "Dumpling Bar", "Seafood", "Bakery", "Izakaya",
            "Curry House", "Hot Pot", "Dai Pai Dong", "Brasserie", "Canteen");
    private static final List<String> STREETS = List.of("Queen's Road", "Des Voeux Road", "Nathan Road", "Hennessy Road",
            "Lockhart Road", "Canton Road", "Wellington Street", "Hollywood Road", "Stanley Street", "Johnston Road",
            "King's Road", "Shanghai Street", "Temple Street", "Castle Peak Road", "Main Street");
    private static final List<String> CUISINES = List.of("Cantonese", "Chinese", "Dim Sum", "Noodles", "Congee",
            "Roast Meat", "Seafood", "Hot Pot", "Japanese", "Korean", "Thai", "Vietnamese", "Indian", "Western",
            "Italian", "French", "Cafe", "Bakery", "Vegetarian", "Dessert", "Hong Kong Style", "Fusion");
    private static final List<String> PRICE_RANGES = List.of("Below $50", "$51-100", "$101-200", "$201-400",
            "$401-800", "Above $801", "Not specified");
    /** Hours of the kinds seen in real listings, plus the cases a classifier must get right. */
    private static final List<List<String>> HOURS = List.of(
            List.of("07:00 - 15:00"), List.of("06:30 - 17:00"), List.of("11:30 - 15:00", "18:00 - 22:30"),
            List.of("11:00 - 22:00"), List.of("12:00 - 23:00"), List.of("17:30 - 23:30"), List.of("18:00 - 02:00"),
            List.of("08:00 - 20:00"), List.of("11:30 - 17:30"), List.of("10:00 - 21:30"), List.of("07:30 - 11:00"),
            List.of("00:00 - 24:00"), List.of("11:30 - 14:30, 17:30 - 22:00"), List.of("22:00 - 04:00"));

    private final Random random;

    RestaurantFaker(Random random) {
        this.random = random;
    }

    Map<String, Object> restaurant(String district, String region) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString());
        r.put("name", pick(NAME_STARTS) + " " + pick(NAME_ENDS));
        r.put("address", "Shop " + (1 + random.nextInt(40)) + ", G/F, " + (1 + random.nextInt(300)) + " "
                + pick(STREETS) + ", " + district);
        r.put("mealType", cuisines());
        r.put("sentiment", sentiment());
        r.put("locationCategory", region);
        r.put("district", district);
        r.put("priceRange", pick(PRICE_RANGES));
        List<String> weekday = pick(HOURS);
        List<String> weekend = random.nextInt(4) == 0 ? pick(HOURS) : weekday;
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("Mon - Fri", weekday);
        hours.put("Sat - Sun", weekend);
        hours.put("Public Holiday", weekend);
        r.put("operatingHours", hours);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("dataQuality", "complete");
        metadata.put("version", "1.0.0");
        metadata.put("qualityScore", 60 + random.nextInt(41));
        r.put("metadata", metadata);
        return r;
    }

    private List<String> cuisines() {
        int n = 1 + random.nextInt(3);
        List<String> tags = new ArrayList<>(n);
        while (tags.size() < n) {
            String tag = pick(CUISINES);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private Map<String, Object> sentiment() {
        Map<String, Object> s = new LinkedHashMap<>();
        // About one in eighty has no responses, as in the real data (23 of 1849).
        boolean unrated = random.nextInt(80) == 0;
        int responses = unrated ? 0 : 1 + random.nextInt(200);
        int likes = unrated ? 0 : (int) Math.round(responses * (0.3 + 0.7 * random.nextDouble()));
        int dislikes = unrated ? 0 : random.nextInt(responses - likes + 1);
        s.put("likes", likes);
        s.put("dislikes", dislikes);
        s.put("neutral", responses - likes - dislikes);
        return s;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
