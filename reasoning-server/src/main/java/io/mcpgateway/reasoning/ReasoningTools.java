package io.mcpgateway.reasoning;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.closedObject;
import static io.mcpgateway.json.JsonSchemas.enumeration;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.number;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.orNull;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.json.JsonTypes;
import io.mcpgateway.mcpkit.ToolArguments;
import io.mcpgateway.mcpkit.ToolDefinition;
import io.mcpgateway.mcpkit.ToolInputException;
import io.mcpgateway.mcpkit.ToolSchemas;
import io.mcpgateway.mcpkit.UnrepeatableData;
import io.mcpgateway.restaurant.RestaurantSchemas;
import io.mcpgateway.restaurant.reasoning.Candidate;
import io.mcpgateway.restaurant.reasoning.CandidateParser;
import io.mcpgateway.restaurant.reasoning.RankingMethod;
import io.mcpgateway.restaurant.reasoning.Recommender;
import io.mcpgateway.restaurant.reasoning.Selection;
import io.mcpgateway.restaurant.reasoning.SentimentAnalysis;
import io.mcpgateway.restaurant.reasoning.SentimentAnalyzer;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.QuotedList;
import io.modelcontextprotocol.spec.McpSchema;

/** The two reasoning tools (REFERENCE-SPEC §3.4, §3.5 with the fixes of ARCHITECTURE.md). */
final class ReasoningTools {

    static final String RECOMMEND = "recommend_restaurants";
    static final String ANALYZE = "analyze_restaurant_sentiment";

    private static final String RESTAURANTS = "restaurants";
    private static final String RANKING_METHOD = "ranking_method";
    private static final String CANDIDATE_COUNT = "candidate_count";
    private static final String SELECTION = "selection";
    private static final String SEED = "seed";
    /** A wrong ranking method is echoed up to this length. */
    private static final int MAX_ECHOED_NAME = 40;

    private final CandidateParser parser;
    private final Recommender recommender;
    private final SentimentAnalyzer analyzer;
    private final Clock clock;

    ReasoningTools(CandidateParser parser, Recommender recommender, SentimentAnalyzer analyzer, Clock clock) {
        this.parser = parser;
        this.recommender = recommender;
        this.analyzer = analyzer;
        this.clock = clock;
    }

    List<ToolDefinition> definitions() {
        return List.of(recommend(), analyze());
    }

    private static Map<String, Object> restaurantsSchema() {
        return array(RestaurantSchemas.restaurant(), 1, CandidateParser.MAX_RESTAURANTS,
                "Restaurants to reason about: objects exactly as the search tools return them are accepted. Each"
                        + " needs id, name and sentiment (likes, dislikes, neutral as non-negative integers); ids"
                        + " must be unique, so drop the repeats when joining the results of several searches.");
    }

    private ToolDefinition recommend() {
        Map<String, Object> input = closedObject(properties(
                RESTAURANTS, restaurantsSchema(),
                // the original's ranking_method is a string; the settings added here may be null (their defaults)
                RANKING_METHOD, withDefault(enumeration(RankingMethod.NAMES, "sentiment_likes ranks by the share of"
                        + " likes; combined_sentiment by the share of likes plus neutral"), "sentiment_likes"),
                CANDIDATE_COUNT, withDefault(orNull(integer(1, Recommender.MAX_CANDIDATE_COUNT,
                        "How many top-ranked restaurants form the shortlist")), Recommender.DEFAULT_CANDIDATE_COUNT),
                SELECTION, withDefault(orNull(enumeration(Selection.NAMES, "top picks the best-ranked candidate;"
                        + " random picks one of the shortlist at random")), "top"),
                SEED, orNull(integer(Long.MIN_VALUE, Long.MAX_VALUE, "Seed of a random selection, to repeat it"))),
                List.of(RESTAURANTS));
        Map<String, Object> data = object(properties(
                "recommendation", object(Map.of(), List.of()),
                "candidates", array(object(Map.of(), List.of()), "The shortlist, best first"),
                "ranking_method", string("Method used"),
                "candidate_count", integer(0, "Size of the shortlist"),
                "selection", object(Map.of(), List.of()),
                "analysis_summary", object(Map.of(), List.of()),
                "timestamp", string("When it was computed")),
                List.of("recommendation", "candidates", "ranking_method"));
        McpSchema.Tool tool = ToolSchemas.readOnlyTool(RECOMMEND, "Restaurant Recommendation Engine",
                "Rank restaurants by diner sentiment, shortlist the best and recommend one: the top-ranked unless a"
                        + " random pick is asked for. Same input, same answer.", input, data);
        return new ToolDefinition(tool, this::recommendCall);
    }

    private Object recommendCall(ToolArguments args) {
        RankingMethod method = args.sent(RANKING_METHOD) ? rankingMethod(args.raw(RANKING_METHOD))
                : RankingMethod.DEFAULT;
        Long count = args.optionalInteger(CANDIDATE_COUNT, 1, Recommender.MAX_CANDIDATE_COUNT);
        Selection selection = Selection.parse(args.optionalChoice(SELECTION, Selection.NAMES)).orElse(Selection.TOP);
        Long seed = args.optionalInteger(SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        List<Candidate> candidates = parser.parse(args.raw(RESTAURANTS));
        Object response = RecommendationResponse.of(recommender.recommend(candidates, method,
                count == null ? Recommender.DEFAULT_CANDIDATE_COUNT : count.intValue(), selection, seed),
                clock.instant());
        // a random pick without a seed is drawn afresh on every call: no cache may answer the next one with it
        return selection == Selection.RANDOM && seed == null ? new UnrepeatableData(response) : response;
    }

    /**
     * The ranking method asked for, refused in the original's words (REFERENCE-SPEC §3.3). A null is refused as its
     * schema (a string) says, which the gateway checks before calling: it must get the same answer called directly.
     */
    private static RankingMethod rankingMethod(Object value) {
        if (!(value instanceof String name)) {
            throw ToolInputException.validation("Ranking method must be a string, got " + JsonTypes.nameOf(value));
        }
        return RankingMethod.parse(name).orElseThrow(() -> ToolInputException.validation("Invalid ranking method '"
                + Echoed.clip(name, MAX_ECHOED_NAME) + "'. Valid methods: "
                + QuotedList.of(RankingMethod.NAMES)));
    }

    private ToolDefinition analyze() {
        Map<String, Object> input = closedObject(properties(RESTAURANTS, restaurantsSchema()), List.of(RESTAURANTS));
        Map<String, Object> analysis = object(properties(
                "restaurant_count", integer(0, "Restaurants with at least one response"),
                "average_likes", number("Mean likes"),
                "average_dislikes", number("Mean dislikes"),
                "average_neutral", number("Mean neutral responses"),
                "top_sentiment_score", number("Highest likes percentage"),
                "bottom_sentiment_score", number("Lowest likes percentage"),
                "average_likes_percentage", number("Mean likes percentage"),
                "ranking_method", string("Always sentiment_likes")), List.of("restaurant_count"));
        Map<String, Object> data = object(properties(
                "sentiment_analysis", analysis,
                "restaurant_count", integer(0, "Restaurants analysed"),
                "input_count", integer(0, "Restaurants passed in"),
                "ranking_method", string("Always sentiment_likes"),
                "timestamp", string("When it was computed")), List.of("sentiment_analysis", "restaurant_count"));
        McpSchema.Tool tool = ToolSchemas.readOnlyTool(ANALYZE, "Restaurant Sentiment Analysis",
                "Summarise diner sentiment over a group of restaurants: average likes, dislikes and neutral responses"
                        + " and the best and worst share of likes.", input, data);
        return new ToolDefinition(tool, args -> analyzeCall(parser.parse(args.raw(RESTAURANTS))));
    }

    private Map<String, Object> analyzeCall(List<Candidate> candidates) {
        SentimentAnalysis a = analyzer.analyze(candidates);
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("restaurant_count", a.restaurantCount());
        analysis.put("average_likes", a.averageLikes());
        analysis.put("average_dislikes", a.averageDislikes());
        analysis.put("average_neutral", a.averageNeutral());
        analysis.put("top_sentiment_score", a.topSentimentScore());
        analysis.put("bottom_sentiment_score", a.bottomSentimentScore());
        analysis.put("average_likes_percentage", a.averageLikesPercentage());
        analysis.put("ranking_method", RankingMethod.SENTIMENT_LIKES.wireName());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sentiment_analysis", analysis);
        data.put("restaurant_count", a.restaurantCount());
        data.put("input_count", a.inputCount());
        data.put("ranking_method", RankingMethod.SENTIMENT_LIKES.wireName());
        data.put("timestamp", clock.instant().toString());
        return data;
    }

    private static Map<String, Object> withDefault(Map<String, Object> schema, Object value) {
        schema.put("default", value);
        return schema;
    }
}
