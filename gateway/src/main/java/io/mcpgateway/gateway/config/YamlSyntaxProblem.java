package io.mcpgateway.gateway.config;

import java.util.Optional;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import io.mcpgateway.failure.Causes;
import io.mcpgateway.json.ParseProblems;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.JacksonException;

/**
 * Where and why a YAML file is malformed, in the YAML parser's words: Jackson's message keeps only its context
 * ("while scanning for the next token"), placed where that context began, which may be lines before the problem
 * itself ("found character '\t(TAB)' that cannot start any token"). Neither quotes the file's lines, which may hold
 * a secret.
 */
final class YamlSyntaxProblem {

    private static final int MAX_CHARS = 200;

    private YamlSyntaxProblem() {
    }

    /** For example {@code " at line 3, column 1: found character ... (while scanning for the next token)"}. */
    static String of(JacksonException e) {
        Optional<MarkedYamlEngineException> yaml = Causes.find(e, MarkedYamlEngineException.class);
        if (yaml.isEmpty() || yaml.get().getProblem() == null || yaml.get().getProblemMark().isEmpty()) {
            return ParseProblems.location(e) + ": " + ParseProblems.firstWords(e);
        }
        MarkedYamlEngineException problem = yaml.get();
        String context = problem.getContext() == null ? "" : " (" + problem.getContext().strip()
                + problem.getContextMark().map(mark -> " that began at " + place(mark)).orElse("") + ")";
        return " at " + place(problem.getProblemMark().get()) + ": "
                + Echoed.oneLine(problem.getProblem().strip(), MAX_CHARS) + context;
    }

    private static String place(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
