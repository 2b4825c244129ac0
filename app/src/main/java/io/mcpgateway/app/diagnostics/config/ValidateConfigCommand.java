package io.mcpgateway.app.diagnostics.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mcpgateway.app.LogLevels;
import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.CheckReport;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.Marks;
import io.mcpgateway.app.diagnostics.QuietLogs;
import io.mcpgateway.app.diagnostics.UrlOption;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.EnvironmentWarnings;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.toolmeta.ToolPins;
import io.mcpgateway.json.Json;
import io.mcpgateway.text.Plural;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate-config}: would the gateway start with this configuration, and with what settings? */
@Command(name = "validate-config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a gateway configuration file without starting the gateway: it is read exactly as"
                + " 'gateway --config FILE' reads it, with the environment variables laid over it (OIDC_ISSUER_URL,"
                + " COGNITO_*, MCP_*_SERVER_URL, RATE_LIMIT_*, ...). The problems are listed, the first of each"
                + " section (types, ranges, URLs, required settings, unknown keys with a suggestion); a valid file gets"
                + " a summary of the settings the gateway would run with.",
                "--check-connectivity also fetches the issuer's discovery document and keys and each backend's"
                        + " health endpoint."},
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the configuration is valid (and everything it points at answered, when asked)",
                "1:it is not, or something it points at did not answer (the output says what)",
                ExitCode.HELP_USAGE})
public final class ValidateConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The gateway's YAML configuration file.")
    Path file;

    @Option(names = "--check-connectivity",
            description = "Also reach the issuer (discovery, keys) and each backend's health endpoint.")
    boolean checkConnectivity;

    @Option(names = "--timeout-ms", defaultValue = "5000",
            description = "How long each connectivity check may take (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    private final Map<String, String> env;

    public ValidateConfigCommand() {
        this(System.getenv());
    }

    ValidateConfigCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        UrlOption.requirePositive(spec, "--timeout-ms", timeoutMs);
        QuietLogs.apply(env);
        PrintWriter out = spec.commandLine().getOut();
        Marks marks = Marks.forStdout();
        ConfigLoader loader = new ConfigLoader(env);
        List<ConfigException> problems = loader.check(file);
        GatewayConfig config = problems.isEmpty() ? loader.load(file) : null;
        if (config != null) {
            problems = filesTheGatewayReads(config);
        }
        if (!problems.isEmpty()) {
            out.println(marks.fail() + " " + file + " is not a valid gateway configuration: "
                    + Plural.of(problems.size(), "problem"));
            // The loader names the file as start-up's --config option; here the file is the argument. A message
            // that spans lines stays under its bullet.
            problems.forEach(p -> out.println("  - " + p.getMessage().replaceFirst("^--config: ", "").strip()
                    .replace("\n", "\n    ")));
            out.flush();
            return ExitCode.CHECK_FAILED;
        }
        out.println(marks.pass() + " " + file + " is a valid gateway configuration");
        ConfigSummary.print(config, out);
        List<String> warnings = EnvironmentWarnings.of(config, config.environment(), LogLevels.mostDetailed(env),
                env.get("LOG_FORMAT"));
        if (!warnings.isEmpty()) {
            out.println("Warnings for " + config.environment().label() + ":");
            warnings.forEach(w -> out.println("  " + marks.warn() + " " + w));
        }
        out.flush();
        if (!checkConnectivity) {
            return ExitCode.OK;
        }
        out.println("Connectivity:");
        Duration timeout = Duration.ofMillis(timeoutMs);
        CheckReport report = new CheckReport();
        new ConnectivityChecks(new HttpProbe(HttpProbe.newClient(timeout), timeout), Json.newMapper()).run(config)
                .forEach(report::add);
        report.print(out, marks, Check.Strictness.STRICT);
        return report.exitCode(Check.Strictness.STRICT);
    }

    /** The files the configuration names that the gateway reads as it starts (the tool pins), read the same way. */
    private static List<ConfigException> filesTheGatewayReads(GatewayConfig config) {
        try {
            new ToolPins(config.tools(), Json.newMapper(), Clock.systemUTC(), (backend, tool) -> { });
            return List.of();
        } catch (ConfigException e) {
            return List.of(e);
        }
    }
}
