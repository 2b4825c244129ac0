package io.mcpgateway.app;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpgateway.gateway.config.ShownProblems;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Tells apart the two sources of an option's bad value. Typed on the command line, it is a usage error: picocli's
 * message and where to read more, exit code 2. Taken from an environment variable (an option whose default is
 * {@code ${env:NAME...}} and that the command line did not give), it is a configuration error: one line naming the
 * variable the user set, exit code 1, as for every other bad setting ("SEARCH_SERVER_PORT=abc" said "--port").
 *
 * <p>A usage error of a command without subcommands ends with "Try '... --help'" rather than the whole usage help,
 * whose 30 to 50 lines pushed the one line that says what is wrong off the screen; a command with subcommands still
 * prints its usage, which lists them.
 */
final class EnvironmentValueErrors implements IParameterExceptionHandler {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PICOCLI_PREFIX = Pattern.compile(
            "^Invalid value for option '[^']*'(?: \\(<[^>]*>\\))?: ");
    /** A JWS in compact form: a JSON header, base64url-encoded, always begins {@code eyJ}. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    /**
     * A quoted word of 32 or more characters of the base64 and token alphabets mixing digits, upper and lower case, as
     * opaque access tokens and secrets do (picocli quotes the values it repeats); a path (from '/' or '.'), a URL (its
     * ':') or a host name (one case, no digits) is left to be read.
     */
    private static final Pattern TOKEN_LIKE = Pattern.compile(
            "'(?=[^']*[0-9])(?=[^']*[A-Z])(?=[^']*[a-z])[A-Za-z0-9_~+=-][A-Za-z0-9._~+/=-]{31,}'");

    private final IParameterExceptionHandler commandLineErrors;
    private final Map<String, String> environment;

    EnvironmentValueErrors(IParameterExceptionHandler commandLineErrors, Map<String, String> environment) {
        this.commandLineErrors = Objects.requireNonNull(commandLineErrors, "commandLineErrors");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) throws Exception {
        String variable = variableBehind(e.getArgSpec(), args);
        if (variable == null) {
            return e.getCommandLine().getSubcommands().isEmpty() ? briefly(withoutSecrets(e))
                    : commandLineErrors.handleParseException(withoutSecrets(e), args);
        }
        CommandLine command = e.getCommandLine();
        String option = ((OptionSpec) e.getArgSpec()).longestName();
        // picocli repeats the value, which for a URL may hold a password
        String reason = withoutSecrets(PICOCLI_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst(""));
        return FatalError.report(command, variable + " (" + option + "): " + reason);
    }

    /** The message, picocli's suggestions for a misspelt option, and the help option to read more. */
    private static int briefly(ParameterException e) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getColorScheme().errorText(String.valueOf(e.getMessage())));
        FatalError.logIfJson(command, String.valueOf(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, command.getErr());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more"
                + " information.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The same refusal, its message without the password a URL typed on the command line may hold, nor a token given
     * where the command takes none ({@code validate-token "$TOKEN"} for {@code --token}: picocli repeats the
     * unmatched argument whole, into a terminal or a CI log).
     */
    private static ParameterException withoutSecrets(ParameterException e) {
        String message = withoutSecrets(e.getMessage());
        if (message == null || message.equals(e.getMessage())) {
            return e;
        }
        return e.getArgSpec() == null && e.getValue() == null ? new ParameterException(e.getCommandLine(), message, e)
                : new ParameterException(e.getCommandLine(), message, e, e.getArgSpec(), e.getValue());
    }

    static String withoutSecrets(String message) {
        String shown = ShownProblems.withoutUserInfo(message);
        return shown == null ? null : TOKEN_LIKE.matcher(JWT.matcher(shown).replaceAll("eyJ... (a token, not shown)"))
                .replaceAll("'...' (a token or secret, not shown)");
    }

    /**
     * The environment variable an option's refused value came from; null when the command line gave the option (a
     * value picocli could not convert is not among the option's values yet, so the words typed are looked at).
     */
    private String variableBehind(ArgSpec spec, String[] args) {
        if (!(spec instanceof OptionSpec option) || typed(option, args)) {
            return null;
        }
        String variable = variableOf(option);
        return variable != null && environment.get(variable) != null ? variable : null;
    }

    /** The environment variable an option's default reads ({@code ${env:NAME...}}), or null. */
    static String variableOf(OptionSpec option) {
        if (!(option.userObject() instanceof AnnotatedElement element)) {
            return null;
        }
        Option annotation = element.getAnnotation(Option.class);
        Matcher variable = annotation == null ? null : VARIABLE.matcher(annotation.defaultValue());
        return variable != null && variable.find() ? variable.group(1) : null;
    }

    /** Whether {@code args} give the option, as {@code --name value} or {@code --name=value}. */
    private static boolean typed(OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }
}
