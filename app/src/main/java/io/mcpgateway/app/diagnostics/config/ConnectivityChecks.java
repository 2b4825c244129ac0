package io.mcpgateway.app.diagnostics.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.app.diagnostics.IssuerChecks;
import io.mcpgateway.app.diagnostics.LatencySummary;
import io.mcpgateway.app.diagnostics.ProbeResult;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.GatewayConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether what a configuration points at answers from here: the issuer's discovery document and keys, and each
 * backend's health endpoint, as the gateway will reach them.
 */
final class ConnectivityChecks {

    private final HttpProbe probe;
    private final JsonMapper mapper;

    ConnectivityChecks(HttpProbe probe, JsonMapper mapper) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    List<Check> run(GatewayConfig config) {
        List<Check> checks = new ArrayList<>();
        IssuerChecks issuer = new IssuerChecks(probe, mapper);
        IssuerChecks.Discovery discovery = issuer.discover(config.auth().issuer());
        checks.add(discovery.check());
        // A configured jwks_uri is what the gateway uses; otherwise the one discovery names.
        var keys = config.auth().jwksUri() != null ? config.auth().jwksUri() : discovery.jwksUri();
        checks.add(keys == null ? Check.skip(IssuerChecks.JWKS, "no key set URL: discovery failed")
                : issuer.keys(keys));
        for (BackendSettings backend : config.backends()) {
            checks.add(backend(backend));
        }
        return checks;
    }

    private Check backend(BackendSettings backend) {
        String name = "backend " + backend.name();
        URI page = backend.healthEndpoint().orElse(null);
        if (page == null) {
            // no health page: the gateway asks its MCP endpoint for tools; whether that answers at all is asked here
            // (a GET: a stateless server's 405 or a stateful one's 400 says it is there as well as a 200)
            URI mcp = backend.mcpEndpoint();
            ProbeResult result = probe.get(mcp);
            if (!result.answered()) {
                return Check.fail(name, "cannot reach " + mcp + ": " + result.failure());
            }
            if (result.status() == 404) { // no MCP endpoint there: a wrong mcp_path, or another server
                return Check.fail(name, mcp + " answered HTTP 404: no MCP endpoint there (check the backend's url and"
                        + " mcp_path)");
            }
            return Check.pass(name, mcp + " answered HTTP " + result.status() + " (no health page: the gateway probes"
                    + " it with tools/list; " + LatencySummary.format(result.millis()) + " ms)");
        }
        ProbeResult result = probe.get(page);
        if (result.ok()) {
            return Check.pass(name, page + " answered HTTP " + result.status() + " ("
                    + LatencySummary.format(result.millis()) + " ms)");
        }
        return Check.fail(name, "cannot reach " + page + ": " + result.problem(mapper));
    }
}
