package io.mcpgateway.mcpkit;

/** The body of a tool: checked arguments in, the {@code data} of a success result out. */
@FunctionalInterface
public interface ToolHandler {

    /**
     * @throws ToolInputException when the arguments are wrong; the caller gets an error result saying why
     */
    Object call(ToolArguments arguments);
}
