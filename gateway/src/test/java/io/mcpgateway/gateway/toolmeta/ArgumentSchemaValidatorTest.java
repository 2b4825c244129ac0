package io.mcpgateway.gateway.toolmeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

/** Arguments checked against a tool's input schema: huge whole numbers meet the schema's limits, not an exception. */
class ArgumentSchemaValidatorTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final Map<String, Object> SCHEMA = MAPPER.readValue("""
            {"type":"object","properties":{
              "limit":{"type":"integer","minimum":1,"maximum":5000},
              "seeds":{"type":"array","items":{"type":"integer","maximum":10}}}}""", Map.class);

    private final ArgumentSchemaValidator validator = new ArgumentSchemaValidator(MAPPER);

    @ParameterizedTest
    @ValueSource(strings = {"{\"limit\":1e19}", "{\"limit\":9.3e18}", "{\"limit\":1e300}", "{\"limit\":-1e19}",
            "{\"seeds\":[1,2e19]}", "{\"limit\":99999999999999999999}"})
    void aWholeNumberBeyondALongMeetsTheSchemasLimitsWithoutInternals(String arguments) {
        List<ArgumentSchemaValidator.Violation> violations = validator.check(SCHEMA,
                MAPPER.readValue(arguments, Map.class));

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).containsAnyOf("maximum",
                "minimum").doesNotContain("DoubleNode", "asLong", "Error parsing", "Jackson"));
    }

    @Test
    void aFailureOfTheValidatorItselfIsAnsweredWithoutItsInternals() {
        Map<String, Object> broken = MAPPER.readValue("""
                {"type":"object","properties":{"name":{"type":"string","pattern":"(unclosed"}}}""", Map.class);

        assertThat(validator.check(broken, Map.of("name", "x"))).singleElement().hasToString(
                "the arguments could not be checked against the tool's input schema");
    }

    @Test
    void numbersInMessagesAreWrittenAsJsonWritesThem() {
        Map<String, Object> schema = MAPPER.readValue("""
                {"type":"object","properties":{"ids":{"type":"array","maxItems":1000},
                 "limit":{"type":"integer","maximum":5000},"ratio":{"type":"number","minimum":1.25}}}""", Map.class);
        Map<String, Object> arguments = Map.of("ids", java.util.Collections.nCopies(12_345, 1), "limit", 123_456,
                "ratio", 0.5);

        // no thousands separators ("12,345"), which read as two numbers in a list
        assertThat(validator.check(schema, arguments)).extracting(ArgumentSchemaValidator.Violation::message)
                .containsExactlyInAnyOrder("must have at most 1000 items but found 12345",
                        "must have a maximum value of 5000", "must have a minimum value of 1.25");
    }

    @Test
    void aCountOfOneTakesTheSingular() {
        Map<String, Object> schema = MAPPER.readValue("""
                {"type":"object","properties":{"districts":{"type":"array","minItems":1},
                 "name":{"type":"string","minLength":1},"tags":{"type":"array","minItems":11}}}""", Map.class);

        assertThat(validator.check(schema, Map.of("districts", List.of(), "name", "", "tags", List.of())))
                .extracting(ArgumentSchemaValidator.Violation::message).containsExactlyInAnyOrder(
                        "must have at least 1 item but found 0", "must be at least 1 character long",
                        "must have at least 11 items but found 0");
    }

    @Test
    void anEnumerationThatAllowsNullNamesItInTheMessage() {
        Map<String, Object> schema = MAPPER.readValue("""
                {"type":"object","properties":{"selection":{"type":["string","null"],"enum":["top",null,"random"]}}}""",
                Map.class);

        // the validator printed a null member as nothing: ["top", , "random"]
        assertThat(validator.check(schema, Map.of("selection", "best"))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/selection");
            assertThat(v.message()).contains("[\"top\", null, \"random\"]");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a: does not have a value in the enumeration [\"a\", \"b\", ]|a: does not have a value in the enumeration [\"a\", \"b\", null]",
            "a: does not have a value in the enumeration [, \"a\"]|a: does not have a value in the enumeration [null, \"a\"]",
            "a: does not have a value in the enumeration []|a: does not have a value in the enumeration [null]",
            "a: does not have a value in the enumeration [\"\", 1]|a: does not have a value in the enumeration [\"\", 1]",
            "a: must be a string|a: must be a string"})
    void onlyTheEmptyPlacesOfAnEnumerationBecomeNull(String message, String named) {
        assertThat(ArgumentSchemaValidator.withNullsNamed(message)).isEqualTo(named);
    }

    @Test
    void aSchemaIsNeverMistakenForAnotherWithTheSameIdOrHash() {
        Map<String, Object> first = MAPPER.readValue("""
                {"$id":"urn:search","type":"object","properties":{"districts":{"type":"array"}},
                 "required":["districts"]}""", Map.class);
        Map<String, Object> updated = MAPPER.readValue("""
                {"$id":"urn:search","type":"object","properties":{"meal_types":{"type":"array"}},
                 "required":["meal_types"]}""", Map.class);
        // String.hashCode("Aa") == "BB".hashCode(): the two schemas' maps have the same hashCode()
        Map<String, Object> aa = Map.of("type", "object", "properties", Map.of("Aa", Map.of("type", "string")),
                "required", List.of("Aa"));
        Map<String, Object> bb = Map.of("type", "object", "properties", Map.of("BB", Map.of("type", "string")),
                "required", List.of("BB"));
        assertThat(aa.hashCode()).isEqualTo(bb.hashCode());

        assertThat(validator.check(first, Map.of("districts", List.of("x")))).isEmpty();
        assertThat(validator.check(updated, Map.of("meal_types", List.of("lunch")))).isEmpty();
        assertThat(validator.check(aa, Map.of("Aa", "x"))).isEmpty();
        assertThat(validator.check(bb, Map.of("BB", "y"))).isEmpty();
        assertThat(validator.check(bb, Map.of("Aa", "x"))).isNotEmpty();
    }

    @Test
    void argumentsWithinTheLimitsPassAndAreNotCopied() {
        Map<String, Object> arguments = Map.of("limit", 5, "seeds", List.of(1, 2));

        assertThat(validator.check(SCHEMA, arguments)).isEmpty();
        assertThat(ArgumentSchemaValidator.exactIntegers(arguments)).isSameAs(arguments);
    }

    @Test
    void eachViolationSaysWhereItIsInTheArgumentsAndWhatIsWrong() {
        Map<String, Object> schema = MAPPER.readValue("""
                {"type":"object","properties":{"districts":{"type":"array","items":{"type":"string"}}},
                 "required":["districts","limit"]}""", Map.class);

        List<ArgumentSchemaValidator.Violation> violations = validator.check(schema,
                Map.of("districts", List.of("Central", 5)));

        assertThat(violations).extracting(ArgumentSchemaValidator.Violation::path,
                ArgumentSchemaValidator.Violation::message).containsExactlyInAnyOrder(
                        tuple("/districts/1", "integer found, string expected"),
                        tuple("", "required property 'limit' not found"));
        assertThat(ArgumentSchemaValidator.refusal("Invalid arguments for t", "t", violations.subList(0, 1))
                .details()).isEqualTo(Map.of("tool", "t", "schema_errors", List.of(Map.of("path",
                        violations.getFirst().path(), "message", violations.getFirst().message())),
                        "schema_errors_truncated", false));
    }

    @Test
    void aMillionWrongItemsStopTheCheckAtTheFirstViolationsARefusalNames() {
        Map<String, Object> schema = Map.of("type", "array", "items", Map.of("type", "string"));
        List<ArgumentSchemaValidator.Violation> violations = validator.check(schema,
                Collections.nCopies(1_000_000, 1));

        var refusal = ArgumentSchemaValidator.refusal("Invalid arguments for t", "t", violations);

        assertThat(violations).hasSize(ArgumentSchemaValidator.MAX_LISTED + 1);
        assertThat(refusal.getMessage()).endsWith("/19: integer found, string expected; and more");
        assertThat((List<?>) refusal.details().get("schema_errors")).hasSize(ArgumentSchemaValidator.MAX_LISTED);
        assertThat(refusal.details()).containsEntry("schema_errors_truncated", true);
    }

    @Test
    void aSchemaWhoseReferencesGoRoundInACircleIsAnsweredAsUncheckableEveryTime() {
        Map<String, Object> circular = MAPPER.readValue("""
                {"$defs":{"a":{"$ref":"#/$defs/a"}},"properties":{"p":{"$ref":"#/$defs/a"}}}""", Map.class);

        for (int call = 0; call < 2; call++) {
            assertThat(validator.check(circular, Map.of("p", 1))).singleElement()
                    .hasToString(ArgumentSchemaValidator.UNCHECKABLE);
        }
    }

    @Test
    void argumentsThatCannotBeCheckedAreRefusedAsTheToolsFaultNotTheCallers() {
        Map<String, Object> broken = Map.of("type", "string", "pattern", "(unclosed");

        GatewayException refusal = ArgumentSchemaValidator.refusal("Invalid arguments for t", "t",
                validator.check(broken, "x"));

        assertThat(refusal.status()).isEqualTo(503);
        assertThat(refusal.code()).isEqualTo("TOOL_SCHEMA_UNUSABLE");
        assertThat(refusal.details()).isEqualTo(Map.of("tool", "t"));
        assertThat(refusal.headers()).containsEntry("Retry-After", "60");
        assertThat(refusal.getMessage()).startsWith("The tool t cannot be called").doesNotContain("PatternSyntax");
    }

    @Test
    void anUnusableSchemaIsLoggedOnceHoweverOftenItIsMet() {
        Map<String, Object> broken = Map.of("type", "string", "pattern", "(unclosed");
        CapturedLogs logs = CapturedLogs.of(ArgumentSchemaValidator.class);
        try (logs) {
            for (int call = 0; call < 3; call++) {
                validator.check(broken, "x");
            }
        }

        assertThat(logs.messages(Level.WARN)).singleElement().asString()
                .contains("PatternSyntaxException", "(unclosed");
    }

    @Test
    void messagesAreEnglishWhateverTheJvmsLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            ArgumentSchemaValidator german = new ArgumentSchemaValidator(MAPPER);
            assertThat(german.check(Map.of("type", "string"), 1)).singleElement()
                    .hasToString("integer found, string expected");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void anUnknownArgumentIsNamedWithTheArgumentsThereAre() {
        Map<String, Object> schema = Map.of("type", "object", "additionalProperties", false, "properties",
                Map.of("districts", Map.of("type", "array")));
        Map<String, Object> nested = Map.of("type", "object", "properties", Map.of("filter", Map.of("type", "object",
                "properties", Map.of("a", Map.of()), "additionalProperties", false)));

        assertThat(validator.check(schema, Map.of("district", List.of()))).singleElement()
                .hasToString("unknown argument 'district'; the arguments are districts");
        assertThat(validator.check(nested, Map.of("filter", Map.of("b", 1)))).singleElement()
                .hasToString("/filter: unknown property 'b'");
    }

    @Test
    void aHugePropertyNameIsClippedWhereItIsEchoed() {
        Map<String, Object> closed = Map.of("type", "object", "additionalProperties", false);

        ArgumentSchemaValidator.Violation violation = validator.check(closed, Map.of("x".repeat(100_000), 1))
                .getFirst();

        assertThat(violation.message().length()).isLessThanOrEqualTo(ArgumentSchemaValidator.MAX_ECHOED + 10);
    }

    @Test
    void onlyTheHugeDoublesBecomeExactIntegers() {
        Object exact = ArgumentSchemaValidator.exactIntegers(Map.of("a", List.of(1.5, 1e19), "b", "x"));

        assertThat(exact).isEqualTo(Map.of("a", List.of(1.5, new BigInteger("10000000000000000000")), "b", "x"));
    }

    @Test
    void aPatternThatBacktracksOnTheCallersTextRefusesItWithinABoundInsteadOfHoldingACpu() {
        // JDK regular expressions backtrack: this pattern takes seconds on 31 characters, and its schema is the
        // backend's while the text is any caller's
        Map<String, Object> schema = MAPPER.readValue("""
                {"type":"object","properties":{"email":{"type":"string","pattern":"^(.*a){12}$"}},
                 "propertyNames":{"pattern":"^(\\\\d+)*\\\\1x$|^email$"}}""", Map.class);

        List<ArgumentSchemaValidator.Violation> costly = validator.check(schema, Map.of("email", "a".repeat(30) + "!"));
        List<ArgumentSchemaValidator.Violation> costlyName = validator.check(schema, Map.of("1".repeat(40) + "!", 1));

        assertThat(costly).singleElement().hasToString(ArgumentSchemaValidator.TOO_COSTLY);
        assertThat(costlyName).last().hasToString(ArgumentSchemaValidator.TOO_COSTLY);
        assertThat(ArgumentSchemaValidator.refusal("Invalid arguments for t", "t", costly).status()).isEqualTo(400);
        // the same pattern still checks what it can match cheaply, and a long text under a linear pattern passes
        assertThat(validator.check(schema, Map.of("email", "a".repeat(12)))).isEmpty();
        Map<String, Object> linear = MAPPER.readValue("""
                {"type":"object","properties":{"name":{"type":"string","pattern":"^[a-z]+$"}}}""", Map.class);
        assertThat(validator.check(linear, Map.of("name", "a".repeat(2_000_000)))).isEmpty();
        assertThat(validator.check(linear, Map.of("name", "Abc"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("does not match the regex pattern"));
    }
}
