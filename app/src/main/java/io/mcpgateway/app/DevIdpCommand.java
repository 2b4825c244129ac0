package io.mcpgateway.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dev-idp}: the development OIDC issuer as its own process. Not for production. */
@Command(name = "dev-idp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run a development OIDC issuer (discovery, JWKS, client-credentials token endpoint) until"
                + " stopped. Client dev-client, secret dev-secret. For development and tests only."})
final class DevIdpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConfigFile configFile;

    @Option(names = "--port", converter = PortConverter.class,
            defaultValue = "${env:DEV_IDP_PORT:-9000}",
            description = "Port to listen on (env DEV_IDP_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        configFile.apply("dev_idp");
        DevIdentityProvider idp = start(port);
        if (!LogFormat.isJson()) { // its start-up log line names the issuer and the token endpoint
            spec.commandLine().getOut().printf("Development OIDC issuer: %s (token endpoint: %s)%n", idp.issuer(),
                    idp.tokenEndpoint());
            spec.commandLine().getOut().flush();
        }
        return RunningServers.awaitShutdown(List.of(idp));
    }

    static DevIdentityProvider start(int port) {
        try {
            return DevIdentityProvider.start(DevIdpConfig.defaults().withPort(port), Clock.systemUTC(),
                    Json.newMapper());
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid dev-idp setting: " + e.getMessage());
        }
    }
}
