package io.mcpgateway.mcpkit;

import java.util.Optional;

/**
 * Recognises a server's own "bad input" exceptions (for example those of its domain), so they reach the caller as
 * error results with their message instead of as internal errors.
 */
@FunctionalInterface
public interface ToolErrorTranslator {

    /** No exceptions other than {@link ToolInputException} are input errors. */
    ToolErrorTranslator NONE = e -> Optional.empty();

    Optional<ToolInputException> translate(RuntimeException e);
}
