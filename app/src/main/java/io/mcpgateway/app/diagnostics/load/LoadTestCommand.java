package io.mcpgateway.app.diagnostics.load;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.mcpgateway.app.ProgressBar;
import io.mcpgateway.app.VersionProvider;
import io.mcpgateway.app.diagnostics.DurationConverter;
import io.mcpgateway.app.diagnostics.ExitCode;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.Marks;
import io.mcpgateway.app.diagnostics.QuietLogs;
import io.mcpgateway.app.diagnostics.UrlOption;
import io.mcpgateway.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** {@code load-test}: how fast is it, and does it stay correct under load? */
@Command(name = "load-test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Send the same request many times, --concurrency at a time, for --requests requests or for"
                + " --duration, with a progress bar on standard error; then print the success rate, throughput,"
                + " latency (min, p50, p90, p99, max) with a histogram, and the errors grouped by status and error"
                + " type.",
                "By default it searches two districts, as the troubleshooting guide's load test does. The token comes"
                        + " from --token, or from a token endpoint with --token-endpoint, --client-id and"
                        + " --client-secret (client credentials grant)."},
        exitCodeListHeading = ExitCode.HELP_HEADING,
        exitCodeList = {"0:the success rate reached --min-success",
                "1:it did not, or no token could be obtained (the output says why)", ExitCode.HELP_USAGE})
public final class LoadTestCommand implements Callable<Integer> {

    static final String DEFAULT_ENDPOINT = "/api/v1/restaurants/search/district";
    static final String DEFAULT_BODY = "{\"districts\": [\"Central district\", \"Admiralty\"]}";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, converter = UrlOption.class,
            description = "The gateway's base URL, for example http://127.0.0.1:8080.")
    URI url;

    @Option(names = "--endpoint", defaultValue = DEFAULT_ENDPOINT,
            description = "The path to call (default ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--method", defaultValue = "POST", description = "The HTTP method (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--body", description = "The JSON body (default for POST: " + DEFAULT_BODY + ").")
    String body;

    @Option(names = "--header", paramLabel = "NAME:VALUE",
            description = "A request header to send with every request, for example 'Cache-Control: no-cache';"
                    + " repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--token", description = "The bearer token to send.")
    String token;

    @Option(names = "--token-endpoint", converter = UrlOption.class,
            description = "An OAuth 2.0 token endpoint to get a token from with the client credentials grant.")
    URI tokenEndpoint;

    @Option(names = "--client-id", description = "The client id for --token-endpoint.")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "${env:CLIENT_SECRET}",
            description = "The client secret for --token-endpoint (or env CLIENT_SECRET, which keeps it out of the"
                    + " process list).")
    String clientSecret;

    @Option(names = "--scope", description = "Scopes to ask the token endpoint for (space-separated).")
    String scope;

    @Option(names = "--concurrency", defaultValue = "10",
            description = "Requests in flight at once, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--requests", description = "How many requests to send, 1 to 1000000 (default 100).")
    Long requests;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Send for this long instead, for example 30s or 2m (at most 1h).")
    Duration duration;

    @Option(names = "--timeout-ms", defaultValue = "10000",
            description = "How long one request may take before it counts as failed (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--min-success", defaultValue = "0.99",
            description = "The success rate required for exit code 0, from 0 to 1 (default ${DEFAULT-VALUE}).")
    double minSuccess;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        QuietLogs.apply(System.getenv());
        JsonMapper mapper = Json.newMapper();
        LoadPlan plan = plan(mapper);
        if (token == null && tokenEndpoint == null) {
            spec.commandLine().getErr().println("warning: no token (--token or --token-endpoint): the requests carry"
                    + " no Authorization, which the gateway's API routes refuse (401 MISSING_TOKEN)");
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            HttpProbe probe = new HttpProbe(http, timeout);
            LoadPlan withToken = tokenEndpoint == null ? plan : plan.withToken(
                    new ClientCredentials(tokenEndpoint, clientId, clientSecret, scope).fetch(probe, mapper));
            // By duration, the bar counts milliseconds.
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), plan.byCount() ? "load-test"
                    : "load-test (ms)", plan.byCount() ? plan.requests() : plan.duration().toMillis(),
                    ProgressBar.isTerminal());
            LoadResults results = new LoadRunner(http, probe, mapper).run(withToken, done -> {
                synchronized (bar) {
                    bar.update(done);
                }
            });
            bar.finish();
            LoadReport report = new LoadReport(plan, results, minSuccess);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()));
            } else {
                report.printText(out, Marks.forStdout());
            }
            out.flush();
            return report.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }

    private LoadPlan plan(JsonMapper mapper) {
        if (token != null && tokenEndpoint != null) {
            throw usage("give either --token or --token-endpoint, not both");
        }
        if (tokenEndpoint == null && clientId != null) { // a secret may come from the environment: not this
            throw usage("--client-id needs --token-endpoint, where the token is asked for");
        }
        if (tokenEndpoint != null && (clientId == null || clientSecret == null || clientSecret.isBlank())) {
            throw usage("--token-endpoint needs --client-id and --client-secret (or env CLIENT_SECRET)");
        }
        if (requests != null && duration != null) {
            throw usage("give either --requests or --duration, not both");
        }
        if (!(minSuccess >= 0 && minSuccess <= 1)) { // NaN too
            throw usage("--min-success must be between 0 and 1 (0.99 is 99%) but was " + minSuccess);
        }
        if (timeoutMs < 1) {
            throw usage("--timeout-ms must be at least 1 but was " + timeoutMs);
        }
        if (requests != null && requests < 1) {
            throw usage("--requests must be between 1 and " + LoadPlan.MAX_REQUESTS + " but was " + requests);
        }
        if (!endpoint.startsWith("/")) {
            throw usage("--endpoint must be a path starting with '/' but was '" + endpoint + "'");
        }
        String verb = method.strip().toUpperCase(Locale.ROOT);
        if (!verb.matches("[A-Z]+") || verb.equals("CONNECT")) { // the JDK's client sends no CONNECT
            throw usage("--method must be an HTTP method such as GET or POST but was '" + method + "'");
        }
        String payload = body != null ? body : verb.equals("POST") && endpoint.equals(DEFAULT_ENDPOINT) ? DEFAULT_BODY
                : null;
        if (payload != null) {
            try {
                mapper.readTree(payload);
            } catch (JacksonException e) {
                throw usage("--body is not JSON: " + e.getOriginalMessage());
            }
        }
        try {
            return new LoadPlan(UrlOption.under(url, endpoint), verb, payload, token, headerMap(), concurrency,
                    duration == null ? (requests == null ? 100 : requests) : 0, duration,
                    Duration.ofMillis(timeoutMs));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? "" : header.substring(0, colon).strip();
            if (!name.matches("[A-Za-z0-9-]+") || name.equalsIgnoreCase("Authorization")) {
                // the name only: a header's value is often a key, and a malformed one may be all value
                throw usage("--header must look like 'Name: value' (and not Authorization: use --token) but was "
                        + (name.matches("[A-Za-z0-9-]+") ? "an Authorization header" : colon < 0 ? "one without a"
                        + " colon" : "one without a valid name before its colon") + " (its value is not repeated)");
            }
            String value = header.substring(colon + 1).strip();
            try {
                HttpRequest.newBuilder().header(name, value); // as LoadRunner sets it
            } catch (IllegalArgumentException e) {
                throw usage("--header " + name + (e.getMessage().startsWith("restricted header name")
                        ? " is one the HTTP client sets itself (Host, Connection, Content-Length, Expect, Upgrade)"
                        : " has a value with a character no header can hold, such as a line break")
                        + " (its value is not repeated)");
            }
            map.put(name, value);
        }
        return map;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
