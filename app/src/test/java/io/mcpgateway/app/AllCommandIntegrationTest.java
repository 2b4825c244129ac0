package io.mcpgateway.app;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.testsupport.TestDataSets;

/**
 * {@code all} as a user runs it: one process, the project's development issuer, a token from its token endpoint, a
 * search through the gateway over the real data set, then Ctrl-C.
 */
@Timeout(90)
class AllCommandIntegrationTest {

    private static final Pattern GATEWAY = Pattern.compile("gateway +(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern ISSUER = Pattern.compile("OIDC issuer +(http://127\\.0\\.0\\.1:\\d+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void wholeSystemServesAnAuthenticatedSearchAndStopsCleanly() throws Exception {
        Path data = TestDataSets.hongKong();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.mcpgateway.app.Main",
                "all", "--data-dir", data.toString(), "--port", "0", "--search-port", "0", "--reasoning-port", "0",
                "--idp-port", "0").redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String gateway = null;
            String issuer = null;
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("Ctrl-C")) {
                output.add(line);
                Matcher g = GATEWAY.matcher(line);
                Matcher i = ISSUER.matcher(line);
                gateway = g.find() ? g.group(1) : gateway;
                issuer = i.find() ? i.group(1) : issuer;
            }
            assertThat(gateway).as(String.join("\n", output)).isNotNull();
            assertThat(String.join("\n", output)).contains("TOKEN=$(curl").contains("1,849 restaurants");

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("dev-client:dev-secret"
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            String accessToken = token.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

            HttpResponse<String> search = http.send(HttpRequest.newBuilder(
                            URI.create(gateway + "/api/v1/restaurants/search/district"))
                    .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Central district\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThatJson(search.body()).inPath("data.total_count").isEqualTo(63);

            process.toHandle().destroy(); // what Ctrl-C does: SIGTERM-like, shutdown hooks run
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isIn(0, 143);
    }
}
