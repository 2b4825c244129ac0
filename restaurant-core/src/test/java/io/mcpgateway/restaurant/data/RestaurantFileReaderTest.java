package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import io.mcpgateway.restaurant.Restaurant;
import io.mcpgateway.restaurant.Sentiment;
import io.mcpgateway.restaurant.catalog.District;

class RestaurantFileReaderTest {

    private static final District MONG_KOK = new District("Mong Kok", "Kowloon");

    private final RestaurantFileReader reader = new RestaurantFileReader(Json.newMapper());
    private final List<LoadProblem> problems = new ArrayList<>();

    private List<Restaurant> read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), MONG_KOK, problems);
    }

    private List<String> reported() {
        return problems.stream().map(LoadProblem::toString).toList();
    }

    private static String file(String... records) {
        return "{\"metadata\": {}, \"restaurants\": [" + String.join(", ", records) + "]}";
    }

    @Test
    void recordsWithHoursThatCannotBeReadAreLoadedAndOneWarningSaysSo() {
        String record = """
                {"id": "%s", "name": "Early", "operatingHours": {"Mon - Fri": ["%s"]}}""";

        List<Restaurant> loaded = read(file(record.formatted("a", "7am - 10am"), record.formatted("b", "7am - 2pm"),
                record.formatted("c", "07:00 - 10:00")));

        assertThat(loaded).hasSize(3);
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.isWarning()).isTrue();
            assertThat(problem.reason()).isEqualTo("2 records with opening hours that cannot be read (such as"
                    + " '7am - 10am'): they count for no meal period; write each range as HH:MM - HH:MM");
        });
    }

    @Nested
    class UnknownKeysAreReportedAndIgnored {

        @Test
        void anUnknownKeyIsRepeatedOnOneLine() {
            read(file("{\"id\": \"a\", \"name\": \"A\", \"opening\\nhours\\u2028x\": []}"));

            assertThat(reported()).singleElement().asString().contains("the key 'opening hours x'")
                    .doesNotContain("\n", "\u2028");
        }

        @Test
        void snakeCaseKeysAreReportedOncePerKeyWithTheirCountAndTheCamelCaseKey() {
            String snake = """
                    {"id": "%s", "name": "Snake", "meal_type": ["Cantonese"], "price_range": "$51-100",
                     "operating_hours": {"Mon - Fri": ["07:00 - 15:00"]}%s}""";
            read(file(snake.formatted("a", ""), snake.formatted("b", ", \"location_category\": \"Kowloon\""),
                    snake.formatted("c", "")));

            String file = "restaurants/kowloon/mong-kok.json: ";
            assertThat(reported()).containsExactly(
                    file + "3 records have the key 'meal_type', which the data format does not know"
                            + " (did you mean 'mealType'?); it is ignored",
                    file + "3 records have the key 'price_range', which the data format does not know"
                            + " (did you mean 'priceRange'?); it is ignored",
                    file + "3 records have the key 'operating_hours', which the data format does not know"
                            + " (did you mean 'operatingHours'?); it is ignored",
                    file + "1 record has the key 'location_category', which the data format does not know"
                            + " (did you mean 'locationCategory'?); it is ignored");
            assertThat(problems).as("their values are lost").allMatch(p -> p.severity() == LoadProblem.Severity.ERROR);
        }

        @Test
        void aRecordWithUnknownKeysStillLoadsWithTheFieldsItHas() {
            List<Restaurant> loaded = read(file("""
                    {"id": "a", "name": "Typo", "mealType": ["Dim Sum"], "sentimen": {"likes": 9}}"""));

            assertThat(loaded).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo("Typo");
                assertThat(r.mealType()).containsExactly("Dim Sum");
                assertThat(r.sentiment()).isEqualTo(Sentiment.NONE);
            });
            assertThat(problems).extracting(LoadProblem::reason).containsExactly("1 record has the key 'sentimen',"
                    + " which the data format does not know (did you mean 'sentiment'?); it is ignored");
            assertThat(problems).as("what 'sentimen' holds was meant and is lost").extracting(LoadProblem::severity)
                    .containsExactly(LoadProblem.Severity.ERROR);
        }

        @Test
        void keysInsideTheObjectsTheFormatDefinesAreCheckedAndNamedByTheirPath() {
            read(file("""
                    {"id": "a", "name": "A", "sentiment": {"like": 3, "dislikes": 1},
                     "operatingHours": {"mon_fri": ["07:00 - 15:00"], "Sat-Sun": [], "Public Holiday": []},
                     "metadata": {"qualityscore": 80}}"""));

            assertThat(problems).extracting(LoadProblem::reason).containsExactly(
                    "1 record has the key 'sentiment.like', which the data format does not know"
                            + " (did you mean 'sentiment.likes'?); it is ignored",
                    "1 record has the key 'operatingHours.mon_fri', which the data format does not know"
                            + " (did you mean 'operatingHours.Mon - Fri'?); it is ignored",
                    "1 record has the key 'operatingHours.Sat-Sun', which the data format does not know"
                            + " (did you mean 'operatingHours.Sat - Sun'?); it is ignored",
                    "1 record has the key 'metadata.qualityscore', which the data format does not know"
                            + " (did you mean 'metadata.qualityScore'?); it is ignored");
        }

        @Test
        void theFilesOwnKeysAreCheckedAndAMisspeltListExplainsTheUnusableFile() {
            List<Restaurant> loaded = read("""
                    {"metadata": {"recordcount": 1, "fileSize": 10}, "restaurant": [{"id": "a", "name": "A"}]}""");

            assertThat(loaded).isNull();
            assertThat(problems).extracting(LoadProblem::reason).containsExactly(
                    "expected an object with a 'restaurants' list",
                    "the file has the key 'metadata.recordcount', which the data format does not know"
                            + " (did you mean 'metadata.recordCount'?); it is ignored",
                    "the file has the key 'restaurant', which the data format does not know"
                            + " (did you mean 'restaurants'?); it is ignored");
            assertThat(problems).as("the file's metadata is never read: nothing served is lost")
                    .extracting(LoadProblem::severity).containsExactly(LoadProblem.Severity.ERROR,
                            LoadProblem.Severity.WARNING, LoadProblem.Severity.ERROR);
        }

        @Test
        void aKeyNearNoKnownOneComesWithoutSuggestion() {
            read(file("{\"id\": \"a\", \"name\": \"A\", \"website\": \"https://a.hk\", \"url\": \"\", \"tags\": []}"));

            assertThat(problems).extracting(LoadProblem::reason).allSatisfy(reason -> assertThat(reason)
                    .doesNotContain("did you mean").endsWith("which the data format does not know; it is ignored"))
                    .hasSize(3);
            assertThat(problems).as("keys like none the format knows lose nothing it knows").allMatch(
                    LoadProblem::isWarning);
        }

        @Test
        void aSkippedRecordsKeysAreReportedToo() {
            read(file("{\"id\": \"a\", \"nane\": \"A\"}"));

            assertThat(problems).extracting(LoadProblem::reason).containsExactly(
                    "restaurants[0] skipped: name is missing or blank",
                    "1 record has the key 'nane', which the data format does not know (did you mean 'name'?);"
                            + " it is ignored");
            assertThat(problems).extracting(LoadProblem::severity).containsOnly(LoadProblem.Severity.ERROR);
        }

        @Test
        void atMostTenKeysAreReportedPerFileTheMostFrequentFirstAndTheRestCounted() {
            String manyKeys = IntStream.rangeClosed(1, 13).mapToObj(i -> "\"extra" + i + "\": " + i)
                    .collect(Collectors.joining(", "));
            read(file("{\"id\": \"a\", \"name\": \"A\", " + manyKeys + "}",
                    "{\"id\": \"b\", \"name\": \"B\", \"extra13\": 0}"));

            assertThat(problems).hasSize(UnknownKeys.MAX_KEYS_PER_FILE + 1);
            assertThat(problems.getFirst().reason()).startsWith("2 records have the key 'extra13'");
            assertThat(problems.getLast().reason()).isEqualTo("3 more keys the data format does not know are ignored");
        }

        @Test
        void aRecordWithEveryKeyOfTheFormatHasNoProblem() {
            List<Restaurant> loaded = read("""
                    {"metadata": {"timestamp": "", "version": "", "district": "", "locationCategory": "",
                      "recordCount": 1, "fileSize": 0, "sanitizedAt": "", "sanitizationVersion": ""},
                     "restaurants": [{"id": "a", "name": "A", "address": "", "mealType": [],
                      "sentiment": {"likes": 1, "dislikes": 0, "neutral": 0}, "locationCategory": "",
                      "district": "", "priceRange": "", "metadata": {"dataQuality": "", "version": "",
                      "qualityScore": 1}, "operatingHours": {"Mon - Fri": [], "Sat - Sun": [],
                      "Public Holiday": []}}]}""");

            assertThat(loaded).hasSize(1);
            assertThat(problems).isEmpty();
        }
    }
}
