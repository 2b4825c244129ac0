package io.mcpgateway.restaurant.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.restaurant.InvalidInputException;

class CandidateParserTest {

    private final CandidateParser parser = new CandidateParser();

    private static Map<String, Object> valid() {
        Map<String, Object> r = new HashMap<>();
        r.put("id", "r1");
        r.put("name", "  Jade   Garden ");
        r.put("sentiment", Map.of("likes", 3, "dislikes", 1, "neutral", 0));
        return r;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> r = valid();
        r.put(field, value);
        return r;
    }

    private static Map<String, Object> withSentiment(Object likes) {
        Map<String, Object> s = new HashMap<>(Map.of("dislikes", 0, "neutral", 0));
        s.put("likes", likes);
        return with("sentiment", s);
    }

    private void rejects(Object restaurants, String message) {
        assertThatThrownBy(() -> parser.parse(restaurants)).isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void searchOutputIsAcceptedVerbatimAndNormalised() {
        Map<String, Object> fromSearch = valid();
        fromSearch.put("meal_type", List.of(" Cantonese ", ""));
        fromSearch.put("operating_hours", Map.of("mon_fri", List.of("07:00 - 15:00")));
        fromSearch.put("metadata", Map.of("data_quality", "complete", "quality_score", 90));
        fromSearch.put("price_range", "$51-100");

        Candidate c = parser.parse(List.of(fromSearch)).get(0);

        assertThat(c.name()).isEqualTo("Jade Garden");
        assertThat(c.mealType()).containsExactly("Cantonese");
        assertThat(c.operatingHours()).containsKey("mon_fri");
        assertThat(c.metadata()).containsEntry("quality_score", 90);
        assertThat(c.priceRange()).isEqualTo("$51-100");
    }

    @Test
    void spacesOfEveryKindAreTrimmedAndCollapsedAsThePythonOriginalDid() {
        Map<String, Object> r = with("name", "\u3000café\u3000 餐廳\u00a0 z\u00a0");
        r.put("meal_type", List.of("\u00a0Cantonese\u3000", "\u3000"));

        Candidate c = parser.parse(List.of(r)).get(0);

        assertThat(c.name()).isEqualTo("café 餐廳 z");
        assertThat(c.mealType()).containsExactly("Cantonese");
        rejects(List.of(with("name", "\u00a0")), "Invalid restaurant data: 1 validation errors found"
                + " (invalid_value: 1 errors): restaurants[0].name must not be blank");
    }

    @Test
    void dataFileCamelCaseNamesAreAcceptedToo() {
        Candidate c = parser.parse(List.of(with("priceRange", "$101-200"))).get(0);
        assertThat(c.priceRange()).isEqualTo("$101-200");
    }

    @Test
    void wrongShapesOfTheListAreRejected() {
        rejects("not a list", "restaurants must be a list of restaurant objects");
        rejects(null, "restaurants must be a list of restaurant objects");
        rejects(List.of(), "Restaurants list cannot be empty");
        rejects(Collections.nCopies(5001, valid()), "restaurants may hold at most 5000 items but held 5001");
        rejects(List.of(7), "Invalid restaurant data: 1 validation errors found (structure_error: 1 errors): restaurants[0] must be an object");
    }

    @Test
    void everyWrongFieldIsNamed() {
        Map<String, Object> noSentiment = valid();
        noSentiment.remove("sentiment");
        Map<String, Object> noId = valid();
        noId.remove("id");
        rejects(List.of(noSentiment), "Invalid restaurant data: 1 validation errors found (missing_field: 1 errors): restaurants[0].sentiment is required"
                + " (an object with likes, dislikes and neutral)");
        rejects(List.of(noId), "Invalid restaurant data: 1 validation errors found (missing_field: 1 errors): restaurants[0].id is required");
        rejects(List.of(with("name", " ")), "Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[0].name must not be blank");
        rejects(List.of(with("id", 5)), "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].id must be a string but was a number");
        rejects(List.of(with("sentiment", "good")),
                "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].sentiment must be an object with likes, dislikes and neutral");
        rejects(List.of(withSentiment(-1)),
                "Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[0].sentiment.likes must not be negative but was -1");
        rejects(List.of(withSentiment(1.5)),
                "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].sentiment.likes must be an integer");
        rejects(List.of(withSentiment(-5_000_000_000L)),
                "Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[0].sentiment.likes must not be negative but was -5000000000");
        rejects(List.of(withSentiment(true)),
                "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].sentiment.likes must be an integer but was a boolean");
        rejects(List.of(withSentiment("5")),
                "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].sentiment.likes must be an integer but was a string");
        rejects(List.of(withSentiment(BigInteger.TEN.pow(20))),
                "Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[0].sentiment.likes is too large (at most 2147483647)");
        rejects(List.of(with("meal_type", "Cantonese")),
                "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].meal_type must be a list of strings");
        rejects(List.of(with("address", 12)), "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].address must be a string");
        rejects(List.of(with("operating_hours", "9-5")),
                "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].operating_hours must be an object");
    }

    /** The published schema's "integer" is JSON Schema's, which counts 1.0 as one: the parser agrees with it. */
    @Test
    void wholeNumbersWrittenWithAFractionOrAnExponentAreCounts() {
        assertThat(parser.parse(List.of(withSentiment(7.0))).get(0).sentiment().likes()).isEqualTo(7);
        assertThat(parser.parse(List.of(withSentiment(new BigDecimal("1E+2")))).get(0).sentiment().likes())
                .isEqualTo(100);
        assertThat(parser.parse(List.of(with("metadata", Map.of("quality_score", new BigDecimal("90.00"))))))
                .hasSize(1);
        rejects(List.of(withSentiment(new BigDecimal("3E+9"))), "Invalid restaurant data: 1 validation errors found"
                + " (invalid_value: 1 errors): restaurants[0].sentiment.likes is too large (at most 2147483647)");
    }

    @Test
    void theDeclaredMembersOfEchoedObjectsHaveTheirSchemaTypes() {
        String prefix = "Invalid restaurant data: 1 validation errors found (invalid_type: 1 errors): restaurants[0].";
        rejects(List.of(with("operating_hours", Map.of("mon_fri", "x"))),
                prefix + "operating_hours.mon_fri must be a list of strings");
        rejects(List.of(with("operating_hours", Map.of("sat_sun", List.of(5)))),
                prefix + "operating_hours.sat_sun must be a list of strings");
        rejects(List.of(with("operatingHours", Map.of("public_holiday", List.of(List.of("nested"))))),
                prefix + "operatingHours.public_holiday must be a list of strings");
        rejects(List.of(with("metadata", Map.of("quality_score", -1))),
                prefix + "metadata.quality_score must be an integer of 0 or more");
        rejects(List.of(with("metadata", Map.of("quality_score", "x"))),
                prefix + "metadata.quality_score must be an integer of 0 or more");
        rejects(List.of(with("metadata", Map.of("quality_score", 1.5))),
                prefix + "metadata.quality_score must be an integer of 0 or more");
        rejects(List.of(with("metadata", Map.of("data_quality", 5))),
                prefix + "metadata.data_quality must be a string");

        Map<String, Object> hours = new HashMap<>();
        hours.put("mon_fri", null); // the schema allows null
        hours.put("sat_sun", List.of("09:00 - 17:00"));
        hours.put("seasonal", 7); // not declared: echoed as given
        Map<String, Object> restaurant = with("operating_hours", hours);
        restaurant.put("metadata", Map.of("quality_score", BigInteger.TEN.pow(20), "version", "2"));
        Candidate c = parser.parse(List.of(restaurant)).get(0);
        assertThat(c.operatingHours()).containsEntry("seasonal", 7);
        assertThat(c.metadata()).containsEntry("version", "2");
    }

    @Test
    void textsAndListsBeyondTheLimitsAreRefusedAndTheLimitsThemselvesAccepted() {
        String prefix = "Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[0].";
        rejects(List.of(with("name", "n".repeat(501))), prefix + "name must be at most 500 characters but had 501");
        rejects(List.of(with("id", "i".repeat(101))), prefix + "id must be at most 100 characters but had 101");
        rejects(List.of(with("address", "a".repeat(1_001))),
                prefix + "address must be at most 1000 characters but had 1001");
        rejects(List.of(with("meal_type", Collections.nCopies(51, "Thai"))),
                prefix + "meal_type may hold at most 50 items but held 51");
        rejects(List.of(with("meal_type", List.of("t".repeat(101)))),
                prefix + "meal_type[] must be at most 100 characters but had 101");
        rejects(List.of(with("operating_hours", Map.of("mon_fri", Collections.nCopies(21, "09:00 - 10:00")))),
                prefix + "operating_hours.mon_fri may hold at most 20 items but held 21");
        rejects(List.of(with("metadata", Map.of("version", "v".repeat(101)))),
                prefix + "metadata.version must be at most 100 characters but had 101");
        // characters, not UTF-16 units: 500 emoji are 1,000 chars of Java but 500 characters of JSON Schema
        assertThat(parser.parse(List.of(with("name", "\uD83C\uDF5C".repeat(500))))).hasSize(1);

        Map<String, Object> atTheLimits = with("name", "n".repeat(500));
        atTheLimits.put("meal_type", Collections.nCopies(50, "t".repeat(100)));
        atTheLimits.put("operating_hours", Map.of("sat_sun", Collections.nCopies(20, "09:00 - 10:00")));
        assertThat(parser.parse(List.of(atTheLimits))).hasSize(1);
    }

    @Test
    void duplicateIdsAreRejected() {
        rejects(List.of(valid(), valid()),
                "Invalid restaurant data: 1 validation errors found (invalid_value: 1 errors): restaurants[1].id 'r1' appears more than once; ids must be unique");
    }

    @Test
    void theMessageCountsTheProblemsByKindAsTheOriginalDid() {
        Map<String, Object> noId = valid();
        noId.remove("id");
        assertThatThrownBy(() -> parser.parse(List.of(noId, with("address", 12), withSentiment(-1), 7)))
                .hasMessageStartingWith("Invalid restaurant data: 4 validation errors found (missing_field: 1 errors,"
                        + " invalid_type: 1 errors, invalid_value: 1 errors, structure_error: 1 errors): ");
    }

    @Test
    void allProblemsAreInTheDetailsAndTheFirstFiveInTheMessage() {
        List<Object> bad = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            bad.add(i);
        }
        assertThatThrownBy(() -> parser.parse(bad)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.getMessage()).startsWith("Invalid restaurant data: 7 validation errors found"
                    + " (structure_error: 7 errors): restaurants[0] must be an object;")
                    .endsWith("; and 2 more");
            assertThat((List<?>) e.details().get("errors")).hasSize(7);
        });
    }
}
