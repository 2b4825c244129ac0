package io.mcpgateway.devidp;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An issuer with {@link IdpFixture#config()} on a free port for the tests of one class: register it as a static field. */
final class RunningIdp implements BeforeAllCallback, AfterAllCallback {

    private DevIdentityProvider idp;
    private IdpHttp http;

    @Override
    public void beforeAll(ExtensionContext context) {
        idp = DevIdentityProvider.start(IdpFixture.config(), IdpFixture.CLOCK);
        http = new IdpHttp(idp);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        idp.close();
    }

    DevIdentityProvider idp() {
        return idp;
    }

    IdpHttp http() {
        return http;
    }
}
