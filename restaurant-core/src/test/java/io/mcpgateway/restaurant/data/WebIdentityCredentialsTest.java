package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * A pod given an IAM role through a web identity token (EKS IRSA: {@code AWS_WEB_IDENTITY_TOKEN_FILE} and
 * {@code AWS_ROLE_ARN}) gets credentials from the chain the S3 data source uses: it trades the token with STS, here a
 * local stand-in answering as STS does. Without the SDK's STS module on the class path the chain found none.
 */
class WebIdentityCredentialsTest {

    private static final String ANSWER = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <Credentials>
                  <AccessKeyId>ASIAPODROLE</AccessKeyId>
                  <SecretAccessKey>pod-secret</SecretAccessKey>
                  <SessionToken>pod-session</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <SubjectFromWebIdentityToken>system:serviceaccount:default:restaurant-search</SubjectFromWebIdentityToken>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/restaurant-data/pod</Arn>
                  <AssumedRoleId>AROAEXAMPLE:pod</AssumedRoleId>
                </AssumedRoleUser>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """;

    @Test
    void aPodsWebIdentityTokenIsTradedForTheRolesCredentials(@TempDir Path dir) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), "projected.service-account.jwt");
        AtomicReference<Map<String, String>> asked = new AtomicReference<>();
        HttpServer sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sts.createContext("/", exchange -> {
            asked.set(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        sts.start();
        Map<String, String> properties = Map.of("aws.webIdentityTokenFile", tokenFile.toString(),
                "aws.roleArn", "arn:aws:iam::123456789012:role/restaurant-data", "aws.region", "ap-east-1",
                "aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort(),
                "aws.accessKeyId", "", "aws.secretAccessKey", "");
        Map<String, String> before = new LinkedHashMap<>();
        properties.forEach((key, value) -> before.put(key, System.getProperty(key)));
        properties.forEach((key, value) -> {
            if (value.isEmpty()) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            AwsCredentials credentials = chain.resolveCredentials();

            assertThat(credentials.accessKeyId()).isEqualTo("ASIAPODROLE");
            assertThat(asked.get()).containsEntry("Action", "AssumeRoleWithWebIdentity")
                    .containsEntry("WebIdentityToken", "projected.service-account.jwt")
                    .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/restaurant-data");
        } finally {
            sts.stop(0);
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
