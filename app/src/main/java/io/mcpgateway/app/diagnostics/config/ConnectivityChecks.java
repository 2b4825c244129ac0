package io.mcpgateway.app.diagnostics.config;

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
        ProbeResult result = probe.get(backend.healthEndpoint());
        if (result.ok()) {
            return Check.pass(name, backend.healthEndpoint() + " answered HTTP " + result.status() + " ("
                    + LatencySummary.format(result.millis()) + " ms)");
        }
        return Check.fail(name, "cannot reach " + backend.healthEndpoint() + ": " + result.problem(mapper));
    }
}
