package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.Environment;
import io.mcpgateway.gateway.config.EnvironmentWarnings;
import io.mcpgateway.gateway.config.GatewayConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests and the Dockerfile, checked without a cluster: every reference resolves (services to pods,
 * probes to ports and real endpoints, autoscalers to deployments), pods run as non-root with resources, and the
 * gateway's ConfigMap is a configuration the gateway accepts.
 */
class DeploymentManifestsTest {

    private static final Set<String> HEALTH_PATHS = Set.of("/health", "/health/live", "/health/ready");
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();
    private static Path root;

    @BeforeAll
    static void read() throws IOException {
        root = repositoryRoot();
        YAMLMapper yaml = YAMLMapper.builder().build();
        try (Stream<Path> files = Files.list(root.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = yaml.createParser(Files.readString(file))) {
                    yaml.readValues(parser, JsonNode.class).forEachRemaining(DOCUMENTS::add);
                }
            }
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s"))) {
                return dir;
            }
        }
        throw new AssertionError("deploy/k8s not found above " + Path.of("").toAbsolutePath());
    }

    private static List<JsonNode> ofKind(String kind) {
        return DOCUMENTS.stream().filter(d -> d.path("kind").asString("").equals(kind)).toList();
    }

    @Test
    void everyDocumentIsAKubernetesObjectWithAName() {
        assertThat(DOCUMENTS).hasSizeGreaterThanOrEqualTo(13);
        assertThat(DOCUMENTS).allSatisfy(d -> {
            assertThat(d.path("apiVersion").asString("")).isNotBlank();
            assertThat(d.path("kind").asString("")).isNotBlank();
            assertThat(d.path("metadata").path("name").asString("")).matches("[a-z0-9-]+");
        });
        assertThat(ofKind("Deployment")).hasSize(3);
        assertThat(ofKind("Service")).hasSize(3);
        assertThat(ofKind("HorizontalPodAutoscaler")).hasSize(3);
        assertThat(ofKind("PodDisruptionBudget")).hasSize(3);
    }

    @Test
    void podsRunAsNonRootWithResourcesAndProbesOnHealthEndpoints() {
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            for (JsonNode container : pod.path("containers")) {
                Set<String> ports = new java.util.HashSet<>();
                container.path("ports").forEach(p -> ports.add(p.path("name").asString()));
                assertThat(container.path("resources").path("requests").path("memory").asString("")).isNotBlank();
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    JsonNode get = container.path(probe).path("httpGet");
                    assertThat(HEALTH_PATHS).as(probe).contains(get.path("path").asString());
                    assertThat(ports).as(probe + " port").contains(get.path("port").asString());
                }
                assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            }
        }
    }

    @Test
    void servicesAutoscalersAndBudgetsPointAtExistingDeployments() {
        Map<String, JsonNode> deployments = new java.util.HashMap<>();
        ofKind("Deployment").forEach(d -> deployments.put(d.path("metadata").path("name").asString(), d));
        for (JsonNode service : ofKind("Service")) {
            String app = service.path("spec").path("selector").path("app.kubernetes.io/name").asString();
            assertThat(deployments).containsKey(app);
            JsonNode container = deployments.get(app).path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("ports").get(0).path("name").asString())
                    .isEqualTo(service.path("spec").path("ports").get(0).path("targetPort").asString());
        }
        ofKind("HorizontalPodAutoscaler").forEach(h -> assertThat(deployments)
                .containsKey(h.path("spec").path("scaleTargetRef").path("name").asString()));
        ofKind("PodDisruptionBudget").forEach(p -> assertThat(deployments)
                .containsKey(p.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asString()));
    }

    @Test
    void gatewayConfigMapIsAConfigurationTheGatewayAccepts() throws IOException {
        String yaml = ofKind("ConfigMap").get(0).path("data").path("gateway.yaml").asString();
        Path file = Files.createTempFile("gateway", ".yaml");
        try {
            Files.writeString(file, yaml);
            GatewayConfig config = new ConfigLoader(Map.of("COGNITO_USER_POOL_ID", "us-east-1_Example1",
                    "COGNITO_CLIENT_ID", "client")).load(file);

            assertThat(config.backends()).extracting(b -> b.url().toString())
                    .containsExactly("http://restaurant-search:8081", "http://restaurant-reasoning:8082");
            assertThat(config.environment()).isEqualTo(Environment.PRODUCTION);
            assertThat(EnvironmentWarnings.of(config, config.environment(), "INFO", "JSON")).isEmpty();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void imageRunsAsAnUnprivilegedUserWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(root.resolve("Dockerfile"));

        assertThat(dockerfile).contains("USER 10001:10001").contains("HEALTHCHECK").contains("MaxRAMPercentage")
                .contains("linux/arm64");
    }
}
