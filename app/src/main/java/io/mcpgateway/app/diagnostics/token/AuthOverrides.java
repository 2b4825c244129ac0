package io.mcpgateway.app.diagnostics.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.GatewayConfig;

/**
 * The token settings given on the command line, laid over the gateway's own way of reading them (its configuration
 * file and {@code COGNITO_*} / {@code OIDC_*} variables), so a token is judged by exactly the settings the gateway
 * would use, unless the operator says otherwise.
 *
 * @param config the gateway's YAML file; null for none
 * @param issuer replaces the issuer of the environment and the file; null keeps it
 * @param clientIds replace the client ids of the environment and the file; empty keeps them
 * @param tokenUses replace the accepted {@code token_use} values; empty keeps them
 * @param leeway replaces the clock-skew leeway; null keeps it
 */
record AuthOverrides(Path config, String issuer, List<String> clientIds, List<String> tokenUses, Duration leeway) {

    AuthOverrides {
        clientIds = List.copyOf(clientIds);
        tokenUses = List.copyOf(tokenUses);
    }

    /**
     * The settings a token is judged by: the gateway's token settings, and its {@code mcp.resource_url} (null when
     * unset), an accepted audience too.
     */
    record Judging(AuthSettings auth, String resourceUrl) {
    }

    /**
     * @throws io.mcpgateway.gateway.config.ConfigException naming the missing or bad setting, as at gateway start-up
     */
    Judging apply(Map<String, String> env) {
        Map<String, String> effective = new HashMap<>(env);
        if (issuer != null) {
            // The gateway prefers a Cognito pool to OIDC_ISSUER_URL; a flag must win over both.
            effective.remove("COGNITO_USER_POOL_ID");
            effective.put("OIDC_ISSUER_URL", issuer);
        }
        if (!clientIds.isEmpty()) {
            effective.remove("COGNITO_CLIENT_ID");
            effective.put("OIDC_CLIENT_IDS", String.join(",", clientIds));
        }
        GatewayConfig gateway = new ConfigLoader(effective).load(config);
        AuthSettings loaded = gateway.auth();
        return new Judging(new AuthSettings(loaded.issuer(), loaded.jwksUri(), loaded.clientIds(),
                tokenUses.isEmpty() ? loaded.tokenUses() : new LinkedHashSet<>(tokenUses),
                leeway == null ? loaded.leeway() : leeway, loaded.jwksCacheTtl(), loaded.jwksRefreshMinInterval(),
                loaded.adminScopes()), gateway.mcp().resourceUrl());
    }
}
