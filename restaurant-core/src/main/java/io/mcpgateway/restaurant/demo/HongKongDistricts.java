package io.mcpgateway.restaurant.demo;

import java.util.List;
import java.util.Map;

/**
 * The districts of Hong Kong the original catalog configures, by region, in its order (REFERENCE-SPEC §1.1; place
 * names are facts). The demo data set is generated for every one of them.
 */
final class HongKongDistricts {

    static final Map<String, List<String>> BY_REGION = orderedMap(
            "Hong Kong Island", List.of("Sheung Wan", "Central district", "Admiralty", "Causeway Bay", "Wan Chai",
                    "The Peak", "North Point", "Mid-Levels", "Shek O", "Western District", "Sai Wan Ho", "Stanley",
                    "Aberdeen", "Chai Wan", "Quarry Bay", "Repulse Bay", "Deep Water Bay", "Happy Valley",
                    "Shau Kei Wan", "Ap Lei Chau", "Pok Fu Lam", "Tai Koo", "Heng Fa Chuen", "Tai Heng", "Tin Hau",
                    "Wong Chuk Hang"),
            "Kowloon", List.of("Tsim Sha Tsui", "Mong Kok", "Kowloon Tong", "Yau Ma Tei", "Hung Hom", "Jordan",
                    "Kowloon City", "Kowloon Bay", "To Kwa Wan", "Tai Kwok Tsui", "Ngau Tau Kok", "Shek Kip Mei",
                    "Ho Man Tin", "Yau Tong", "Cheung Sha Wan", "Lai Chee Kok", "Sham Shui Po", "Wong Tai Sin",
                    "Tsz Wan Shan", "San Po Kong", "Lam Tin", "Lei Yue Mun", "Kwun Tong", "Diamond Hill",
                    "Prince Edward", "Lok Fu", "Mei Fu", "Choi Hung"),
            "New Territories", List.of("Tai Po", "Yuen Long", "Tuen Mun", "Sha Tin", "Sheung Shui", "Tin Shui Wai",
                    "Sai Kung", "Fanling", "Ma On Shan", "Sam Tseng", "Lo Wu", "Tai Wai", "Fo Tan", "Tai Wo",
                    "Kwai Fong", "Lau Fau Shan", "Tsing Yi", "Tsuen Wan", "Kwai Chung", "Tseung Kwan O",
                    "Lok Ma Chau", "Ma Wan"),
            "Islands", List.of("Lantau Island", "Chek Lap Kok", "Peng Chau", "Cheung Chau", "Lamma Island",
                    "Discovery Bay", "Tung Chung", "Tai O", "Po Toi"));

    private HongKongDistricts() {
    }

    private static Map<String, List<String>> orderedMap(Object... keysAndValues) {
        java.util.LinkedHashMap<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], values);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
