package io.mcpgateway.app.diagnostics.health;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.CheckReport;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.IssuerChecks;
import io.mcpgateway.app.diagnostics.Marks;
import io.mcpgateway.app.diagnostics.QuietLogs;
import io.mcpgateway.app.diagnostics.UrlOption;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code health}: is the gateway up, can it verify tokens, does it offer tools? One line per check. */
@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a running gateway, in order: its /health (each backend's state in it, and whether the"
                + " gateway itself could fetch its issuer's keys), the OIDC issuer's discovery document, the issuer's"
                + " JWKS, /tools/metadata and /metrics.",
                "A degraded gateway (some backends down) is a warning and passes unless --strict.",
                "The issuer comes from --issuer, else OIDC_ISSUER_URL or COGNITO_USER_POOL_ID as the"
                        + " gateway reads them, else the one the gateway's /health names; one given that is not"
                        + " the gateway's fails. Without any the issuer checks are skipped."},
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {ExitCode.HELP_OK, ExitCode.HELP_FAILED, ExitCode.HELP_USAGE})
public final class HealthCommand implements Callable<Integer> {

    static final String ISSUER = "issuer";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, converter = UrlOption.class,
            description = "The gateway's base URL, for example http://127.0.0.1:8080.")
    URI url;

    @Option(names = "--issuer", converter = UrlOption.class,
            description = "The OIDC issuer the gateway trusts (default: from the environment).")
    URI issuer;

    @Option(names = "--json", description = "Print one JSON object with every check instead of lines.")
    boolean json;

    @Option(names = "--strict", description = "Fail when the gateway is degraded, not only when it is down.")
    boolean strict;

    @Option(names = "--timeout-ms", defaultValue = "5000",
            description = "How long each request may take (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    private final Map<String, String> env;

    public HealthCommand() {
        this(System.getenv());
    }

    HealthCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        UrlOption.requirePositive(spec, "--timeout-ms", timeoutMs);
        Optional<String> given = issuer(); // a wrong variable is said before anything is asked of the network
        QuietLogs.apply(env);
        JsonMapper mapper = Json.newMapper();
        Duration timeout = Duration.ofMillis(timeoutMs);
        HttpProbe probe = new HttpProbe(HttpProbe.newClient(timeout), timeout);
        GatewayChecks gateway = new GatewayChecks(probe, mapper);
        IssuerChecks issuers = new IssuerChecks(probe, mapper);
        CheckReport report = new CheckReport();
        GatewayChecks.Health health = gateway.health(url);
        health.checks().forEach(report::add);
        if (given.isPresent() && health.issuer() != null && !given.get().equals(health.issuer())) {
            report.add(Check.fail(ISSUER, "the gateway verifies tokens of '" + health.issuer() + "', not '"
                    + given.get() + "'"));
        }
        Optional<String> trusted = given.or(() -> Optional.ofNullable(health.issuer()));
        if (trusted.isEmpty()) {
            report.add(Check.skip(IssuerChecks.DISCOVERY, "no issuer given: pass --issuer or set OIDC_ISSUER_URL"
                    + " (or COGNITO_USER_POOL_ID)"));
            report.add(Check.skip(IssuerChecks.JWKS, "no issuer"));
        } else {
            IssuerChecks.Discovery discovery = issuers.discover(trusted.get());
            report.add(discovery.check());
            report.add(discovery.jwksUri() == null ? Check.skip(IssuerChecks.JWKS, "no key set URL: discovery failed")
                    : issuers.keys(discovery.jwksUri()));
        }
        if (health.answered()) {
            report.add(gateway.toolMetadata(url));
            report.add(gateway.metrics(url));
        } else {
            report.add(Check.skip(GatewayChecks.TOOLS, "not checked: the gateway cannot be reached"));
            report.add(Check.skip(GatewayChecks.METRICS, "not checked: the gateway cannot be reached"));
        }
        Check.Strictness strictness = strict ? Check.Strictness.STRICT : Check.Strictness.LENIENT;
        print(report, trusted.orElse(null), strictness, mapper);
        return report.exitCode(strictness);
    }

    private Optional<String> issuer() {
        if (issuer != null) {
            return Optional.of(issuer.toString());
        }
        try {
            return new ConfigLoader(env).environmentIssuer();
        } catch (ConfigException e) {
            // a variable is wrong, not the command line: exit 1 with one line naming it, as the gateway says of it
            throw new ConfigException(e.getMessage() + " (or pass --issuer)");
        }
    }

    private void print(CheckReport report, String trusted, Check.Strictness strictness, JsonMapper mapper) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url.toString());
            body.put("issuer", trusted);
            body.put("passed", report.passed(strictness));
            body.put("checks", report.toJson());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            out.flush();
        } else {
            out.println("Gateway " + url);
            report.print(out, Marks.forStdout(), strictness);
        }
    }
}
