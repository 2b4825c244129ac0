package io.mcpgateway.reasoning;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.mcpkit.ServerIdentity;
import io.mcpgateway.mcpkit.ToolInputException;
import io.mcpgateway.restaurant.InvalidInputException;
import io.mcpgateway.restaurant.reasoning.CandidateParser;
import io.mcpgateway.restaurant.reasoning.Ranker;
import io.mcpgateway.restaurant.reasoning.Recommender;
import io.mcpgateway.restaurant.reasoning.SentimentAnalyzer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the restaurant reasoning MCP server. It holds no data: everything it reasons about comes in the call. */
public final class ReasoningServer {

    public static final String NAME = "restaurant-reasoning-mcp";
    public static final String VERSION = "1.0.0";
    /** The largest integer every JSON reader holds exactly (IEEE doubles, RFC 8259 section 6). */
    static final long MAX_EXACT_JSON_INTEGER = (1L << 53) - 1;

    private ReasoningServer() {
    }

    public static McpServerHost start(McpServerConfig config, JsonMapper mapper, Clock clock) {
        SecureRandom seeds = new SecureRandom();
        // Seeds within JavaScript's exact integers (2^53): a TypeScript client reads a larger one rounded, and replays
        // another pick with it.
        Recommender recommender = new Recommender(new Ranker(), () -> seeds.nextLong(MAX_EXACT_JSON_INTEGER + 1));
        CandidateParser parser = new CandidateParser();
        SentimentAnalyzer analyzer = new SentimentAnalyzer();
        ReasoningTools tools = new ReasoningTools(parser, recommender, analyzer, clock);
        ReasoningSelfCheck health = ReasoningSelfCheck.of(parser, analyzer, recommender,
                List.of(ReasoningTools.RECOMMEND, ReasoningTools.ANALYZE));
        // the original's /metrics reported these; strict: a restaurant that is not valid refuses the call whole
        ServerIdentity identity = new ServerIdentity(NAME, VERSION, "Ranks and analyses restaurants by diner"
                + " sentiment. Pass restaurants exactly as the search tools return them.", Map.of(
                        "reasoning_service_config", Map.of("minimum_responses", 1,
                                "default_candidate_count", Recommender.DEFAULT_CANDIDATE_COUNT,
                                "strict_validation", true)));
        return McpServerHost.start(config, identity, tools.definitions(), ReasoningServer::translate, health::report,
                mapper, clock);
    }

    private static Optional<ToolInputException> translate(RuntimeException e) {
        return e instanceof InvalidInputException input
                ? Optional.of(new ToolInputException(input.type(), input.getMessage(), input.details()))
                : Optional.empty();
    }
}
