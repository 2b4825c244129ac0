package io.mcpgateway.app.diagnostics.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.testsupport.TokenForge;

/**
 * {@code validate-token} against the development issuer: good tokens pass, each broken one fails on the check that
 * names its problem, and the exit code is the gateway's own verdict.
 */
@Timeout(60)
class ValidateTokenCommandIntegrationTest {

    private static final String CLIENT = DevIdpConfig.DEFAULT_CLIENT_ID;

    static DevIdentityProvider idp;
    static TokenForge forge;

    @TempDir
    Path dir;

    @BeforeAll
    static void startIssuer() {
        idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), Clock.systemUTC());
        forge = new TokenForge(idp.signingKey(), Clock.systemUTC());
    }

    @AfterAll
    static void stopIssuer() {
        idp.close();
    }

    private static CommandRun validate(String token, String... more) {
        List<String> args = new ArrayList<>(List.of("validate-token", "--token", token, "--issuer", idp.issuer(),
                "--client-id", CLIENT));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static TokenForge.Token access() {
        return forge.accessToken(idp.issuer(), CLIENT, "restaurants/read");
    }

    @Nested
    class AcceptedTokens {

        @Test
        void anIssuedAccessTokenPassesEveryCheckAndTheVerdictNamesTheCaller() {
            String token = idp.issueAccessToken(CLIENT, List.of("restaurants/read"), Duration.ofMinutes(5));

            CommandRun run = validate(token, "--scope", "restaurants/read");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Header:\n  kid: " + idp.signingKeyId() + "\n  alg: RS256\n")
                    .contains("  client_id: dev-client\n").contains("  token_use: access\n")
                    .contains("Signature: 256 bytes (not shown)");
            assertThat(run.line("  exp: ")).matches("  exp: \\d+ \\(\\d{4}-.*Z, in [45] min\\)");
            assertThat(run.lines()).contains("✅ format: a signed JWT: header, claims and signature decode",
                    "✅ algorithm: RS256",
                    "✅ key id: '" + idp.signingKeyId() + "' is published by the issuer (1 key)",
                    "✅ signature: valid, made with key '" + idp.signingKeyId() + "'",
                    "✅ issuer: " + idp.issuer(),
                    "✅ audience / client id: client_id 'dev-client' is accepted",
                    "✅ token_use: 'access' is accepted",
                    "✅ not before: no nbf claim",
                    "✅ subject: dev-client",
                    "✅ scope restaurants/read: granted");
            assertThat(run.lines()).last().isEqualTo("✅ The gateway would accept this token: caller 'dev-client',"
                    + " client 'dev-client', scopes restaurants/read.");
        }

        @Test
        void aTokenTooLargeForTheGatewaysHeaderLimitWouldNeverReachIt() {
            // signed and valid, but its Authorization header alone passes the 8 KB Jetty takes for all headers: 431
            String token = access().claim("padding", "x".repeat(9_000)).signed();

            CommandRun run = validate(token);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.lines()).last().asString().startsWith("❌ The gateway would refuse a request with this"
                    + " token with 431").contains("8192");
        }

        @Test
        void theTokenAndItsSignatureAreNeverPrintedUnlessAsked() {
            String token = access().signed();
            String signature = token.substring(token.lastIndexOf('.') + 1);

            assertThat(validate(token).out()).doesNotContain(token).doesNotContain(signature);
            assertThat(validate(token, "--show-token").line("Token: ")).isEqualTo("Token: " + token);
        }

        @Test
        void aTokenPipedInWithItsBearerPrefixIsRead() {
            InputStream stdin = new ByteArrayInputStream(("\nBearer " + access().signed() + "\n")
                    .getBytes(StandardCharsets.UTF_8));

            CommandRun run = CommandRun.with(new ValidateTokenCommand(Map.of(), Clock.systemUTC(), stdin),
                    "--issuer", idp.issuer(), "--client-id", CLIENT);

            assertThat(run.exitCode()).as(run.toString()).isZero();
        }

        @Test
        void theSettingsComeFromTheEnvironmentLikeTheGateways() {
            Map<String, String> env = Map.of("OIDC_ISSUER_URL", idp.issuer(), "OIDC_CLIENT_IDS", "other," + CLIENT);

            CommandRun run = CommandRun.with(new ValidateTokenCommand(env, Clock.systemUTC(),
                    InputStream.nullInputStream()), "--token", access().signed());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("Checked against")).isEqualTo("Checked against issuer " + idp.issuer()
                    + ", client ids [other, dev-client], token_use [access, id], leeway 60 s:");
        }

        @Test
        void aTokenExpiredWithinTheLeewayIsAcceptedWithAWarning() {
            CommandRun run = validate(access().expiresAt(Instant.now().minusSeconds(20)).signed());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.line("⚠️ expiry")).contains("ago), still accepted within the leeway of 60 s");
        }
    }

    @Nested
    class RejectedTokens {

        @Test
        void anExpiredTokenFailsTheExpiryCheckAndTheGatewayWouldSay401() {
            CommandRun run = validate(access().expiresAt(Instant.now().minus(Duration.ofMinutes(10))).signed());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ expiry")).matches("❌ expiry: expired .*Z \\((9|10) min ago\\); leeway 60 s");
            assertThat(run.lines()).last().isEqualTo("❌ The gateway would reject this token with 401: Invalid JWT"
                    + " token: Token has expired (reason expired).");
        }

        @Test
        void aTokenOfAnotherIssuerFailsTheIssuerCheck() {
            CommandRun run = validate(access().issuer("https://evil.example.com").signed());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ issuer")).isEqualTo("❌ issuer: 'https://evil.example.com', but the gateway trusts '"
                    + idp.issuer() + "'");
            assertThat(run.lines()).last().asString().contains("(reason wrong_issuer)");
        }

        @Test
        void theGatewaysLeewayFromItsConfigurationFileDecides() throws IOException {
            Path config = Files.writeString(dir.resolve("gateway.yaml"), "auth: {issuer: '" + idp.issuer()
                    + "', client_ids: [" + CLIENT + "], leeway_seconds: 0}");
            String expiredJustNow = access().expiresAt(Instant.now().minusSeconds(20)).signed();

            CommandRun run = CommandRun.of("validate-token", "--token", expiredJustNow, "--config", config.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ expiry")).endsWith("; leeway 0 s");
        }

        @Test
        void aMissingScopeIsA403() {
            CommandRun run = validate(access().signed(), "--scope", "restaurants/admin");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ scope restaurants/admin")).isEqualTo("❌ scope restaurants/admin: not granted; the"
                    + " token holds restaurants/read (the gateway would answer 403)");
            assertThat(run.lines()).last().isEqualTo("❌ The gateway would accept this token but answer 403 on routes"
                    + " that need restaurants/admin.");
        }

        @Test
        void anIssuerThatCannotBeReachedMeansTheGatewayCannotVerifyAnything() {
            String unreachable = "http://127.0.0.1:1";
            CommandRun run = CommandRun.of("validate-token", "--token", forge.accessToken(unreachable, CLIENT,
                    "restaurants/read").signed(), "--issuer", unreachable, "--client-id", CLIENT, "--timeout-ms",
                    "2000");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.line("❌ key id")).contains("cannot fetch the issuer's keys")
                    .contains("http://127.0.0.1:1/.well-known/openid-configuration");
            assertThat(run.line("➖ signature")).contains("not checked");
            assertThat(run.lines()).last().asString()
                    .startsWith("❌ The gateway cannot verify tokens right now and would answer 503");
        }
    }

    /** Every token shape: the failing check's name, and the verdict's reason (null when the gateway accepts it). */
    static Stream<Arguments> tokens() {
        Instant now = Instant.now();
        return Stream.of(
                row("valid access token", f -> f.accessToken(idp.issuer(), CLIENT, "x").signed(), null, null),
                row("ID token for this client", f -> f.idToken(idp.issuer(), CLIENT, "alice").signed(), null, null),
                row("generic token with aud", f -> f.token().issuer(idp.issuer()).subject("s").audience(CLIENT)
                        .expiresAt(now.plusSeconds(300)).signed(), null, null),
                row("expired", f -> f.accessToken(idp.issuer(), CLIENT, "x").expiresAt(now.minusSeconds(3600))
                        .signed(), "expiry", "expired"),
                row("no exp", f -> f.accessToken(idp.issuer(), CLIENT, "x").claim("exp", null).signed(), "expiry",
                        "missing_expiry"),
                row("not yet valid", f -> f.accessToken(idp.issuer(), CLIENT, "x").notBefore(now.plusSeconds(600))
                        .signed(), "not before", "not_yet_valid"),
                row("issued in the future", f -> f.accessToken(idp.issuer(), CLIENT, "x").issuedAt(now
                        .plusSeconds(600)).signed(), "not before", "not_yet_valid"),
                row("a critical header parameter", f -> f.accessToken(idp.issuer(), CLIENT, "x").header("crit",
                        List.of("exp")).header("exp", 1).signed(), "critical header parameters",
                        "unsupported_critical"),
                row("wrong issuer", f -> f.accessToken("https://other.example", CLIENT, "x").signed(), "issuer",
                        "wrong_issuer"),
                row("other client", f -> f.accessToken(idp.issuer(), "intruder", "x").signed(),
                        "audience / client id", "wrong_client"),
                row("ID token for another audience", f -> f.idToken(idp.issuer(), "intruder", "alice").signed(),
                        "audience / client id", "wrong_audience"),
                row("access token for another resource", f -> f.accessToken(idp.issuer(), CLIENT, "x")
                        .audience("https://payments.example.com").signed(), "audience / client id", "wrong_audience"),
                row("token without token_use for another resource", f -> f.accessToken(idp.issuer(), CLIENT, "x")
                        .tokenUse(null).audience("https://payments.example.com").signed(), "audience / client id",
                        "wrong_audience"),
                row("ID token issued to another client", f -> f.idToken(idp.issuer(), CLIENT, "alice")
                        .audience(CLIENT, "intruder").claim("azp", "intruder").signed(), "audience / client id",
                        "wrong_audience"),
                row("access token naming this client among its audiences", f -> f.accessToken(idp.issuer(), CLIENT,
                        "x").audience("https://payments.example.com", CLIENT).signed(), null, null),
                row("refresh token_use", f -> f.accessToken(idp.issuer(), CLIENT, "x").tokenUse("refresh").signed(),
                        "token_use", "wrong_token_use"),
                row("token_use that is no string", f -> f.accessToken(idp.issuer(), CLIENT, "x").tokenUse(null)
                        .claim("token_use", 5).signed(), "token_use", "wrong_token_use"),
                row("no subject", f -> f.accessToken(idp.issuer(), CLIENT, "x").claim("sub", null).signed(),
                        "subject", "missing_subject"),
                row("unknown kid", f -> f.accessToken(idp.issuer(), CLIENT, "x").signedWithUnknownKid(), "key id",
                        "unknown_key"),
                row("no kid", f -> f.accessToken(idp.issuer(), CLIENT, "x").keyId(null).signed(), "key id",
                        "missing_key_id"),
                row("signed by another key", f -> f.accessToken(idp.issuer(), CLIENT, "x").signedWithWrongKey(),
                        "signature", "bad_signature"),
                row("alg none", f -> f.accessToken(idp.issuer(), CLIENT, "x").unsigned(), "algorithm",
                        "unsupported_algorithm"),
                row("HS256 keyed with the public key", f -> f.accessToken(idp.issuer(), CLIENT, "x")
                        .hmacWithPublicKey(), "algorithm", "unsupported_algorithm"),
                row("two segments", f -> f.accessToken(idp.issuer(), CLIENT, "x").twoSegments(), "format",
                        "malformed"),
                row("garbage payload", f -> f.accessToken(idp.issuer(), CLIENT, "x").garbageBase64(), "format",
                        "malformed"),
                row("exp not a number", f -> f.accessToken(idp.issuer(), CLIENT, "x").claim("exp", "soon").signed(),
                        "format", "malformed"),
                row("signature's last character's unused bits set", f -> withUnusedBitsSet(f.accessToken(
                        idp.issuer(), CLIENT, "x").signed()), "format", "malformed"));
    }

    /** The token with its last character's lowest bit flipped: unused by a 256-byte signature, so it decodes alike. */
    private static String withUnusedBitsSet(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
    }

    private static Arguments row(String name, Function<TokenForge, String> token, String failingCheck,
            String reason) {
        return Arguments.of(name, token, failingCheck, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void theChecksAgreeWithTheGatewaysVerdict(String name, Function<TokenForge, String> token, String failingCheck,
            String reason) {
        CommandRun run = validate(token.apply(forge));

        List<String> failed = run.lines().stream().filter(l -> l.startsWith("❌ ")).toList();
        if (reason == null) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(failed).as(run.toString()).isEmpty();
        } else {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(failed).as(run.toString()).anyMatch(l -> l.startsWith("❌ " + failingCheck + ": "));
            assertThat(run.lines()).as("a valid signature is said to be one").noneMatch(l -> reason
                    .equals("unsupported_critical") && l.startsWith("❌ signature"));
            assertThat(run.lines()).last().asString().startsWith("❌ The gateway would reject this token with 401")
                    .endsWith("(reason " + reason + ").");
        }
    }

    @Nested
    class UsageErrors {

        @Test
        void noTokenOnAnEmptyInputIsAUsageError() {
            CommandRun run = CommandRun.with(new ValidateTokenCommand(Map.of(), Clock.systemUTC(),
                    InputStream.nullInputStream()), "--issuer", idp.issuer(), "--client-id", CLIENT);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("no token: pass --token JWT, or pipe it in");
        }

        @Test
        void noIssuerAnywhereIsAUsageErrorNamingTheWaysToGiveOne() {
            CommandRun run = CommandRun.with(new ValidateTokenCommand(Map.of(), Clock.systemUTC(),
                    InputStream.nullInputStream()), "--token", "x.y.z");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("auth.issuer is required").contains("OIDC_ISSUER_URL")
                    .contains("validate-token also takes --issuer and --client-id");
        }

        @Test
        void aConfigurationFileThatIsMissingOrWrongIsAFailureAsForTheGateway() throws IOException {
            Path missing = dir.resolve("missing.yaml");
            CommandRun run = validate("x.y.z", "--config", missing.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("missing.yaml").doesNotContain("also takes --issuer");
            Path wrong = Files.writeString(dir.resolve("wrong.yaml"), "auth: {leeway_seconds: -1}\n");
            assertThat(validate("x.y.z", "--config", wrong.toString()).exitCode()).isEqualTo(1);
        }

        @Test
        void aLeewayOutOfRangeIsAUsageError() {
            CommandRun run = validate("x.y.z", "--leeway-seconds", "601");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--leeway-seconds must be between 0 and 600 but was 601");
        }

        @Test
        void anIssuerThatIsNoUrlIsAUsageErrorNamingTheOption() {
            CommandRun run = CommandRun.with(new ValidateTokenCommand(Map.of(), Clock.systemUTC(),
                    InputStream.nullInputStream()), "--token", "x.y.z", "--issuer", "notaurl", "--client-id", CLIENT);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().findFirst()).contains("Invalid value for option '--issuer': 'notaurl' is not"
                    + " an http(s) URL like http://127.0.0.1:8080"); // it said OIDC_ISSUER_URL, unset, and exit 1
        }
    }
}
