package io.mcpgateway.app.diagnostics.token;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.CheckReport;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.app.diagnostics.Marks;
import io.mcpgateway.app.diagnostics.QuietLogs;
import io.mcpgateway.app.diagnostics.UrlOption;
import io.mcpgateway.gateway.auth.IssuerKeys;
import io.mcpgateway.gateway.auth.JwtVerifier;
import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code validate-token}: would the gateway accept this token, and if not, why not? */
@Command(name = "validate-token", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Decode a JWT (header and claims; never the signature) and check it the way the gateway does:"
                + " format, algorithm, key id in the issuer's JWKS, signature, issuer, audience or client id,"
                + " token_use, expiry and not-before (with the leeway), subject, and the scopes you name.",
                "The settings are the gateway's: --config and the environment (OIDC_ISSUER_URL, OIDC_CLIENT_IDS,"
                        + " or COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID); the flags override them.",
                "Exit code 0 means the gateway would accept the token, by running the gateway's own verifier."},
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the gateway would accept the token (and it holds every --scope)",
                "1:the gateway would refuse it, or could not verify it now (the output says why)",
                ExitCode.HELP_USAGE})
public final class ValidateTokenCommand implements Callable<Integer> {

    private static final String BEARER = "bearer ";

    @Spec
    CommandSpec spec;

    @Option(names = "--token", paramLabel = "JWT",
            description = "The token, or '-' to read it from standard input (also the default). A leading"
                    + " 'Bearer ' is ignored.")
    String token;

    /** The missing settings this command's own options give: a usage error (exit 2), not a wrong file. */
    private static final Pattern MISSING_FLAG_SETTING = Pattern.compile("auth\\.(issuer|client_ids) is required");

    @Option(names = "--config", description = "The gateway's YAML configuration file, to use its auth settings.")
    Path config;

    @Option(names = "--issuer", converter = UrlOption.class,
            description = "The issuer the gateway trusts (overrides the configuration).")
    URI issuer;

    @Option(names = "--client-id", split = ",", paramLabel = "ID",
            description = "An accepted client id / audience; repeatable (overrides the configuration).")
    List<String> clientIds = new ArrayList<>();

    @Option(names = "--token-use", split = ",", paramLabel = "USE",
            description = "An accepted token_use: access, id; repeatable (default: the configuration's, both).")
    List<String> tokenUses = new ArrayList<>();

    @Option(names = "--leeway-seconds", paramLabel = "S",
            description = "Clock skew tolerated on exp, nbf and iat (default: the configuration's, 60).")
    Integer leewaySeconds;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "A scope (or Cognito group) the route needs; repeatable.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--show-token", description = "Also print the token itself (it is a secret: off by default).")
    boolean showToken;

    @Option(names = "--timeout-ms", defaultValue = "5000",
            description = "How long connecting to the issuer may take (default ${DEFAULT-VALUE}); each of its"
                    + " answers (discovery, keys) may then take 5 s, as the gateway allows.")
    int timeoutMs;

    private final Map<String, String> env;
    private final Clock clock;
    private final InputStream stdin;

    public ValidateTokenCommand() {
        this(System.getenv(), Clock.systemUTC(), System.in);
    }

    ValidateTokenCommand(Map<String, String> env, Clock clock, InputStream stdin) {
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    @Override
    public Integer call() {
        QuietLogs.apply(env);
        AuthOverrides.Judging judging = judging();
        AuthSettings settings = judging.auth();
        String jwt = readToken();
        JsonMapper mapper = Json.newMapper();
        PrintWriter out = spec.commandLine().getOut();
        if (showToken) {
            out.println("Token: " + jwt);
        }
        DecodedToken.decode(jwt, mapper).print(out, mapper, clock.instant());
        out.println("Checked against issuer " + settings.issuer() + ", client ids " + settings.clientIds()
                + (judging.resourceUrl() == null ? "" : ", resource " + judging.resourceUrl())
                + ", token_use " + settings.tokenUses().stream().sorted().toList() + ", leeway "
                + settings.leeway().toSeconds() + " s:");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMs)).build()) {
            IssuerKeys keys = new IssuerKeys(settings, http, mapper, clock);
            CheckReport report = new CheckReport();
            new TokenChecks(settings, judging.resourceUrl(), keys, clock).run(jwt, scopes).forEach(report::add);
            GatewayVerdict verdict = GatewayVerdict.of(new JwtVerifier(settings, judging.resourceUrl(), keys, clock),
                    jwt, scopes);
            Marks marks = Marks.forStdout();
            report.checks().forEach(c -> out.println(marks.line(c)));
            out.println((verdict.accepted() ? marks.pass() : marks.fail()) + " " + verdict.sentence());
            out.flush();
            return verdict.accepted() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }

    private AuthOverrides.Judging judging() {
        if (leewaySeconds != null && (leewaySeconds < 0 || leewaySeconds > 600)) {
            throw new ParameterException(spec.commandLine(), "--leeway-seconds must be between 0 and 600 but was "
                    + leewaySeconds);
        }
        if (!List.of("access", "id").containsAll(clean(tokenUses))) {
            throw new ParameterException(spec.commandLine(), "--token-use must be access and/or id but was "
                    + tokenUses);
        }
        if (timeoutMs < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-ms must be at least 1 but was " + timeoutMs);
        }
        AuthOverrides overrides = new AuthOverrides(config, issuer == null ? null : issuer.toString(), clean(clientIds), clean(tokenUses),
                leewaySeconds == null ? null : Duration.ofSeconds(leewaySeconds));
        try {
            return overrides.apply(env);
        } catch (ConfigException e) {
            if (!MISSING_FLAG_SETTING.matcher(e.getMessage()).lookingAt()) {
                throw e; // the file or a variable is wrong: exit 1, as gateway and validate-config say of it
            }
            throw new ParameterException(spec.commandLine(), e.getMessage()
                    + " (validate-token also takes --issuer and --client-id)");
        }
    }

    private String readToken() {
        String value = token;
        if (value == null || value.equals("-")) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
                value = reader.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read the token from standard input: "
                        + e.getMessage());
            }
        }
        value = value.strip();
        if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            value = value.substring(BEARER.length()).strip();
        }
        if (value.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no token: pass --token JWT, or pipe it in");
        }
        return value;
    }

    private static List<String> clean(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
