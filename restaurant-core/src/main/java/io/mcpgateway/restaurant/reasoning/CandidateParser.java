package io.mcpgateway.restaurant.reasoning;

import static io.mcpgateway.restaurant.RestaurantLimits.MAX_ADDRESS;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_ID;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_LABEL;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_NAME;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_RANGES;
import static io.mcpgateway.restaurant.RestaurantLimits.MAX_TAGS;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.mcpgateway.json.JsonTypes;
import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.RestaurantLimits;
import io.mcpgateway.restaurant.Sentiment;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.Spaces;

/**
 * Checks and normalises the restaurant objects callers pass to the reasoning tools (REFERENCE-SPEC §3.3, fixed).
 *
 * <p>Objects exactly as the search tools return them are accepted, as are the data files' camelCase names. Every
 * problem of every restaurant is collected, so the caller can fix all of them at once; nothing is dropped silently.
 */
public final class CandidateParser {

    /**
     * The most restaurants one call may carry: as many as a search answers at most by default (the search server's
     * page), so that a search's whole answer passes verbatim, the whole real data set's 1,849 (1 MB) among them, as
     * far as the gateway's request size limit allows (2 MiB by default: about 3,900 such restaurants). The original's
     * REST API took 1,000.
     */
    public static final int MAX_RESTAURANTS = PageRequest.DEFAULT_MAX_PAGE_SIZE;

    /** Ids are echoed in messages up to this length. */
    private static final int MAX_ECHOED_ID = 64;

    /** Problems listed one by one in the message; all of them are in the details. */
    private static final int MAX_PROBLEMS_IN_MESSAGE = 5;
    /** The members of the echoed objects the input schema declares, with their types. */
    private static final Map<String, DeclaredType> HOURS = Map.of("mon_fri", DeclaredType.TEXTS,
            "sat_sun", DeclaredType.TEXTS, "public_holiday", DeclaredType.TEXTS);
    private static final Map<String, DeclaredType> METADATA = Map.of("data_quality", DeclaredType.TEXT,
            "version", DeclaredType.TEXT, "quality_score", DeclaredType.COUNT);

    public List<Candidate> parse(Object restaurants) {
        if (!(restaurants instanceof List<?> list)) {
            throw InvalidInputException.validation("restaurants must be a list of restaurant objects");
        }
        if (list.isEmpty()) {
            throw InvalidInputException.validation("Restaurants list cannot be empty");
        }
        if (list.size() > MAX_RESTAURANTS) {
            throw InvalidInputException.validation(
                    "restaurants may hold at most " + MAX_RESTAURANTS + " items but held " + list.size());
        }
        Problems problems = new Problems();
        List<Candidate> candidates = new ArrayList<>(list.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Candidate candidate = parseOne(i, list.get(i), problems);
            if (candidate != null && !ids.add(candidate.id())) {
                problems.wrongValue("restaurants[" + i + "].id '" + Echoed.clip(candidate.id(), MAX_ECHOED_ID)
                        + "' appears more than once; ids must be unique");
            }
            candidates.add(candidate);
        }
        if (problems.size() > 0) {
            throw InvalidInputException.validation(problems.message(), Map.of("errors", problems.texts()));
        }
        return candidates;
    }

    private static Candidate parseOne(int index, Object item, Problems problems) {
        String at = "restaurants[" + index + "]";
        if (!(item instanceof Map<?, ?> map)) {
            problems.structure(at + " must be an object");
            return null;
        }
        int before = problems.size();
        String id = requiredText(map, "id", MAX_ID, at, problems);
        String name = requiredText(map, "name", MAX_NAME, at, problems);
        Sentiment sentiment = sentiment(map.get("sentiment"), at, problems);
        String address = optionalText(map, at, problems, MAX_ADDRESS, "address");
        String locationCategory = optionalText(map, at, problems, MAX_LABEL, "location_category", "locationCategory");
        String district = optionalText(map, at, problems, MAX_LABEL, "district");
        String priceRange = optionalText(map, at, problems, MAX_LABEL, "price_range", "priceRange");
        List<String> mealType = textList(map, at, problems, "meal_type", "mealType");
        Map<String, Object> hours = optionalObject(map, at, problems, "operating_hours", "operatingHours");
        Map<String, Object> metadata = optionalObject(map, at, problems, "metadata");
        if (problems.size() > before) {
            return null;
        }
        return new Candidate(index, id, name, address, mealType, sentiment, locationCategory, district, priceRange,
                hours, metadata);
    }

    private static String requiredText(Map<?, ?> map, String field, int maxLength, String at, Problems problems) {
        Object value = map.get(field);
        if (value == null) {
            problems.missing(at + "." + field + " is required");
            return null;
        }
        if (!(value instanceof String s)) {
            problems.wrongType(at + "." + field + " must be a string but was " + JsonTypes.nameOf(value));
            return null;
        }
        if (Spaces.isBlank(s)) {
            problems.wrongValue(at + "." + field + " must not be blank");
            return null;
        }
        return withinLimit(at + "." + field, s, maxLength, problems) ? Spaces.collapse(s) : null;
    }

    private static boolean withinLimit(String field, String value, int maxLength, Problems problems) {
        String tooLong = RestaurantLimits.tooLong(field, value, maxLength);
        if (tooLong != null) {
            problems.wrongValue(tooLong);
        }
        return tooLong == null;
    }

    /** The first present of the given field names (snake_case first, then the data files' camelCase). */
    private static String optionalText(Map<?, ?> map, String at, Problems problems, int maxLength,
            String... fields) {
        for (String field : fields) {
            Object value = map.get(field);
            if (value == null) {
                continue;
            }
            if (value instanceof String s) {
                return withinLimit(at + "." + field, s, maxLength, problems) ? Spaces.collapse(s) : null;
            }
            problems.wrongType(at + "." + field + " must be a string");
            return null;
        }
        return null;
    }

    private static List<String> textList(Map<?, ?> map, String at, Problems problems, String... fields) {
        for (String field : fields) {
            Object value = map.get(field);
            if (value == null) {
                continue;
            }
            if (!(value instanceof List<?> items) || !items.stream().allMatch(String.class::isInstance)) {
                problems.wrongType(at + "." + field + " must be a list of strings");
                return List.of();
            }
            if (!withinLimits(at + "." + field, items, MAX_TAGS, problems)) {
                return List.of();
            }
            return items.stream().map(String.class::cast).map(Spaces::strip).filter(s -> !s.isEmpty()).toList();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalObject(Map<?, ?> map, String at, Problems problems,
            String... fields) {
        for (String field : fields) {
            Object value = map.get(field);
            if (value == null) {
                continue;
            }
            if (value instanceof Map<?, ?> object) {
                boolean metadata = field.equals("metadata");
                int maxItems = metadata ? MAX_TAGS : MAX_RANGES; // or opening hours
                return withinLimits(at + "." + field, object, maxItems, problems)
                        && declaredMembersFit(at + "." + field, object, metadata ? METADATA : HOURS, problems)
                        ? new LinkedHashMap<>((Map<String, Object>) object) : null;
            }
            problems.wrongType(at + "." + field + " must be an object");
            return null;
        }
        return null;
    }

    /**
     * Whether the members the input schema declares in an echoed object have the types it gives them (others are
     * echoed as given): a caller calling the tool directly, past the gateway's schema check, meets the same rules.
     */
    private static boolean declaredMembersFit(String at, Map<?, ?> object, Map<String, DeclaredType> declared,
            Problems problems) {
        boolean fit = true;
        for (Map.Entry<String, DeclaredType> member : declared.entrySet()) {
            Object value = object.get(member.getKey());
            if (value != null && !member.getValue().test(value)) {
                problems.wrongType(at + "." + member.getKey() + " must be " + member.getValue().description());
                fit = false;
            }
        }
        return fit;
    }

    /** A declared member's type, as {@link io.mcpgateway.restaurant.RestaurantSchemas} publishes it. */
    private record DeclaredType(String description, Predicate<Object> test) {

        static final DeclaredType TEXT = new DeclaredType("a string", String.class::isInstance);
        static final DeclaredType TEXTS = new DeclaredType("a list of strings",
                value -> value instanceof List<?> items && items.stream().allMatch(String.class::isInstance));
        static final DeclaredType COUNT = new DeclaredType("an integer of 0 or more",
                value -> JsonTypes.integerOf(value) instanceof BigInteger whole && whole.signum() >= 0);

        boolean test(Object value) {
            return test.test(value);
        }
    }

    /**
     * Whether the texts and lists in {@code value} (cuisine tags, opening hours, metadata: echoed as given) are within
     * {@link RestaurantLimits}: lists and objects of {@code maxItems} at most, texts and keys of
     * {@link RestaurantLimits#MAX_LABEL} characters.
     */
    private static boolean withinLimits(String field, Object value, int maxItems, Problems problems) {
        return switch (value) {
            case String text -> withinLimit(field, text, MAX_LABEL, problems);
            case List<?> list -> {
                String tooMany = RestaurantLimits.tooMany(field, list.size(), maxItems);
                if (tooMany != null) {
                    problems.wrongValue(tooMany);
                    yield false;
                }
                yield list.stream().allMatch(item -> withinLimits(field + "[]", item, maxItems, problems));
            }
            case Map<?, ?> map -> {
                String tooMany = RestaurantLimits.tooMany(field, map.size(), maxItems);
                if (tooMany != null) {
                    problems.wrongValue(tooMany);
                    yield false;
                }
                yield map.entrySet().stream().allMatch(e ->
                        withinLimit(field + " key", String.valueOf(e.getKey()), MAX_LABEL, problems)
                                && withinLimits(field + "." + e.getKey(), e.getValue(), maxItems, problems));
            }
            case null, default -> true;
        };
    }

    private static Sentiment sentiment(Object value, String at, Problems problems) {
        if (value == null) {
            problems.missing(at + ".sentiment is required (an object with likes, dislikes and neutral)");
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.wrongType(at + ".sentiment must be an object with likes, dislikes and neutral");
            return null;
        }
        int before = problems.size();
        int likes = count(map, "likes", at, problems);
        int dislikes = count(map, "dislikes", at, problems);
        int neutral = count(map, "neutral", at, problems);
        return problems.size() > before ? null : new Sentiment(likes, dislikes, neutral);
    }

    private static int count(Map<?, ?> sentiment, String field, String at, Problems problems) {
        Object value = sentiment.get(field);
        String where = at + ".sentiment." + field;
        if (value == null) {
            problems.missing(where + " is required");
            return 0;
        }
        // Booleans are not counts (the original accepted them, §3.3); 1.0 is, as the published schema's integers.
        BigInteger whole = JsonTypes.integerOf(value);
        if (whole == null) {
            problems.wrongType(where + " must be an integer" + (value instanceof Number || value instanceof BigDecimal
                    ? "" : " but was " + JsonTypes.nameOf(value)));
            return 0;
        }
        if (whole.signum() < 0) {
            problems.wrongValue(where + " must not be negative but was " + whole);
            return 0;
        }
        if (whole.bitLength() > 31) {
            problems.wrongValue(where + " is too large (at most " + Integer.MAX_VALUE + ")");
            return 0;
        }
        return whole.intValue();
    }

    /**
     * The problems found, each of a kind the original named (REFERENCE-SPEC §3.3), so the message starts as its did
     * ("Invalid restaurant data: 2 validation errors found (missing_field: 2 errors)") and then says which they are.
     */
    private static final class Problems {
        private final List<String> texts = new ArrayList<>();
        private final Map<String, Integer> kinds = new LinkedHashMap<>();

        void missing(String text) {
            add("missing_field", text);
        }

        void wrongType(String text) {
            add("invalid_type", text);
        }

        void wrongValue(String text) {
            add("invalid_value", text);
        }

        void structure(String text) {
            add("structure_error", text);
        }

        private void add(String kind, String text) {
            texts.add(text);
            kinds.merge(kind, 1, Integer::sum);
        }

        int size() {
            return texts.size();
        }

        List<String> texts() {
            return List.copyOf(texts);
        }

        String message() {
            StringBuilder message = new StringBuilder("Invalid restaurant data: ").append(texts.size())
                    .append(" validation errors found (");
            kinds.forEach((kind, count) -> message.append(kind).append(": ").append(count).append(" errors, "));
            message.setLength(message.length() - 2);
            message.append("): ")
                    .append(String.join("; ", texts.subList(0, Math.min(texts.size(), MAX_PROBLEMS_IN_MESSAGE))));
            if (texts.size() > MAX_PROBLEMS_IN_MESSAGE) {
                message.append("; and ").append(texts.size() - MAX_PROBLEMS_IN_MESSAGE).append(" more");
            }
            return message.toString();
        }
    }
}
