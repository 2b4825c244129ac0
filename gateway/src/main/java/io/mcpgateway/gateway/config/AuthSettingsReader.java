package io.mcpgateway.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code auth} overlaid with the identity variables of the environment: {@code COGNITO_USER_POOL_ID} (the
 * issuer derived from it) or {@code OIDC_ISSUER_URL}, {@code COGNITO_CLIENT_ID} / {@code OIDC_CLIENT_IDS} and
 * {@code GATEWAY_ADMIN_SCOPES}.
 */
final class AuthSettingsReader {

    private static final Pattern COGNITO_POOL = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d)_[A-Za-z0-9]+");
    private static final Set<String> TOKEN_USES = Set.of("access", "id");

    private final UnaryOperator<String> env;

    /** @param env the environment variable of a name, or null when it is unset or blank */
    AuthSettingsReader(UnaryOperator<String> env) {
        this.env = env;
    }

    /**
     * The issuer the environment sets; empty when neither variable is set.
     *
     * @throws ConfigException naming the variable when its value cannot be an issuer
     */
    Optional<String> environmentIssuer() {
        String cognito = cognitoIssuer();
        if (cognito != null) {
            return Optional.of(cognito);
        }
        String oidc = env("OIDC_ISSUER_URL");
        if (oidc != null) {
            SettingsReader.baseUrl("OIDC_ISSUER_URL", oidc);
        }
        // as given: a token's iss must equal it exactly, and some issuers end with '/' (Auth0, Entra ID v1)
        return Optional.ofNullable(oidc);
    }

    AuthSettings read(SettingsReader auth) {
        auth.onlyKeys(Set.of("issuer", "jwks_uri", "client_ids", "token_uses", "leeway_seconds", "jwks_cache_seconds",
                "jwks_refresh_min_interval_seconds", "admin_scopes"));
        String cognito = cognitoIssuer();
        if (cognito != null && env("OIDC_ISSUER_URL") != null && !cognito.equals(env("OIDC_ISSUER_URL"))) {
            throw new ConfigException("COGNITO_USER_POOL_ID and OIDC_ISSUER_URL name different issuers ('" + cognito
                    + "' and '" + env("OIDC_ISSUER_URL") + "'): the gateway trusts one; set only the one you mean");
        }
        String issuer = environmentIssuer().orElseGet(() -> auth.string("issuer", null));
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigException("auth.issuer is required: set it in the config file, or OIDC_ISSUER_URL, or"
                    + " COGNITO_USER_POOL_ID");
        }
        String issuerSetting = env("COGNITO_USER_POOL_ID") != null ? "COGNITO_USER_POOL_ID"
                : env("OIDC_ISSUER_URL") != null ? "OIDC_ISSUER_URL" : "auth.issuer";
        SettingsReader.baseUrl(issuerSetting, issuer);
        List<String> clientIds = new ArrayList<>();
        if (env("COGNITO_CLIENT_ID") != null) {
            clientIds.addAll(ConfigValues.commaList(env("COGNITO_CLIENT_ID")));
        }
        if (env("OIDC_CLIENT_IDS") != null) {
            clientIds.addAll(ConfigValues.commaList(env("OIDC_CLIENT_IDS")));
        }
        if (clientIds.isEmpty()) {
            clientIds.addAll(auth.strings("client_ids", List.of()));
        }
        if (clientIds.isEmpty()) {
            throw new ConfigException("auth.client_ids is required: the client ids (audiences) whose tokens are"
                    + " accepted; set it in the config file, or OIDC_CLIENT_IDS, or COGNITO_CLIENT_ID");
        }
        Set<String> tokenUses = new LinkedHashSet<>(auth.strings("token_uses",
                List.copyOf(AuthSettings.DEFAULT_TOKEN_USES)));
        if (tokenUses.isEmpty() || !TOKEN_USES.containsAll(tokenUses)) {
            throw new ConfigException(auth.name("token_uses") + " must name access and/or id but was " + tokenUses);
        }
        String jwks = auth.string("jwks_uri", null);
        Duration cacheTtl = auth.seconds("jwks_cache_seconds", AuthSettings.DEFAULT_JWKS_CACHE_TTL, 10, 86_400);
        Duration refreshMinInterval = auth.seconds("jwks_refresh_min_interval_seconds",
                AuthSettings.DEFAULT_JWKS_REFRESH_MIN_INTERVAL, 1, 3600);
        // else the cached key set could expire while the throttle refuses its refresh: no token could be checked
        if (refreshMinInterval.compareTo(cacheTtl) >= 0) {
            throw new ConfigException(auth.name("jwks_refresh_min_interval_seconds") + " must be shorter than "
                    + auth.name("jwks_cache_seconds") + " (" + cacheTtl.toSeconds() + ") but was "
                    + refreshMinInterval.toSeconds());
        }
        return new AuthSettings(issuer, jwks == null ? null : SettingsReader.httpUrl(auth.name("jwks_uri"), jwks),
                List.copyOf(new LinkedHashSet<>(clientIds)), tokenUses,
                auth.seconds("leeway_seconds", AuthSettings.DEFAULT_LEEWAY, 0, 600), cacheTtl, refreshMinInterval,
                adminScopes(auth));
    }

    /** {@code GATEWAY_ADMIN_SCOPES} (comma-separated) or {@code auth.admin_scopes}. */
    private List<String> adminScopes(SettingsReader auth) {
        String variable = env("GATEWAY_ADMIN_SCOPES"); // blank is unset, as for the other variables
        if (variable != null && ConfigValues.commaList(variable).isEmpty()) {
            throw new ConfigException("GATEWAY_ADMIN_SCOPES names no scope: '" + variable + "' (unset it for none)");
        }
        return variable != null ? ConfigValues.scopes("GATEWAY_ADMIN_SCOPES", ConfigValues.commaList(variable))
                : ConfigValues.scopes(auth.name("admin_scopes"),
                        auth.strings("admin_scopes", AuthSettings.DEFAULT_ADMIN_SCOPES));
    }

    /** Cognito's issuer, derived from the pool id as Cognito forms it; null when no pool is configured. */
    private String cognitoIssuer() {
        String pool = env("COGNITO_USER_POOL_ID");
        if (pool == null) {
            return null;
        }
        Matcher m = COGNITO_POOL.matcher(pool);
        if (!m.matches()) {
            throw new ConfigException("COGNITO_USER_POOL_ID must look like us-east-1_AbC123xyz but was '" + pool + "'");
        }
        // the pool id names its region; AWS_REGION is the gateway's own (the platforms set it), which may be another
        return "https://cognito-idp." + m.group(1) + ".amazonaws.com/" + pool;
    }


    private String env(String name) {
        return env.apply(name);
    }
}
