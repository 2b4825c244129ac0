package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.Environment;
import io.mcpgateway.gateway.config.EnvironmentWarnings;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.mcpkit.OneOriginValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests and the Dockerfile, checked without a cluster: every reference resolves (services to pods,
 * probes to ports and real endpoints, autoscalers to deployments), pods run as non-root with resources, and the
 * gateway's ConfigMap is a configuration the gateway accepts; and every field is one the Kubernetes API knows, with
 * the type it has (the schema check: the API's types from fabric8's model, which the Java client uses).
 */
class DeploymentManifestsTest {

    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();
    /** kustomize's list of the manifests, which is no object of the Kubernetes API. */
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static Path root;

    @BeforeAll
    static void read() throws IOException {
        root = repositoryRoot();
        YAMLMapper yaml = YAMLMapper.builder().build();
        try (Stream<Path> files = Files.list(root.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith(KUSTOMIZATION))
                    .sorted().toList()) {
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
        assertThat(ofKind("NetworkPolicy")).hasSize(2);
    }

    @Test
    void podsRunAsNonRootWithResourcesAndProbesOnHealthEndpoints() {
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.path("name").asString("")).as("the API requires it").matches("[a-z0-9-]+");
                Set<String> ports = new java.util.HashSet<>();
                container.path("ports").forEach(p -> ports.add(p.path("name").asString()));
                JsonNode resources = container.path("resources");
                assertThat(resources.path("requests").path("memory").asString("")).isNotBlank()
                        .as("a JVM's heap alone can pass a smaller request: first evicted under pressure")
                        .isEqualTo(resources.path("limits").path("memory").asString());
                assertThat(container.path("env").findValuesAsString("value")).as("the JVM sized for the node's CPUs")
                        .contains("-XX:ActiveProcessorCount=2");
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode get = container.path(probe).path("httpGet");
                    assertThat(get.path("path").asString()).as(probe).isEqualTo(probePath(deployment, probe));
                    assertThat(ports).as(probe + " port").contains(get.path("port").asString());
                }
                resources.path("requests").properties().forEach(e -> assertThat(Quantity.getAmountInBytes(
                        new Quantity(e.getValue().asString()))).as(e.getKey()).isPositive());
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    assertThat(container.path(probe).path("timeoutSeconds").asInt(1))
                            .as("a pod busy with a burst of connections is not let go for a slow " + probe)
                            .isGreaterThanOrEqualTo(3);
                }
                assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            }
        }
    }

    /**
     * The path each probe must ask: the gateway's live and ready pages (ready fails while it drains or has no keys
     * of its issuer), the servers' one health page (they answer 404 at /health/live).
     */
    private static String probePath(JsonNode deployment, String probe) {
        if (!deployment.path("metadata").path("name").asString().equals("mcp-tools-gateway")) {
            return "/health";
        }
        return probe.equals("readinessProbe") ? "/health/ready" : "/health/live";
    }

    @Test
    void podsAreSpreadOverNodesAndZonesWithoutAServiceAccountToken() {
        for (JsonNode deployment : ofKind("Deployment")) {
            String name = deployment.path("metadata").path("name").asString();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            List<String> keys = new ArrayList<>();
            pod.path("topologySpreadConstraints").forEach(c -> {
                keys.add(c.path("topologyKey").asString());
                assertThat(c.path("labelSelector").path("matchLabels").path("app.kubernetes.io/name").asString())
                        .as(name).isEqualTo(name);
                assertThat(c.path("whenUnsatisfiable").asString()).as("a single node still schedules")
                        .isEqualTo("ScheduleAnyway");
            });
            assertThat(keys).as(name).containsExactlyInAnyOrder("kubernetes.io/hostname",
                    "topology.kubernetes.io/zone");
            pod.path("topologySpreadConstraints").forEach(c -> assertThat(c.path("matchLabelKeys").toString())
                    .as("a rollout's new pods spread by themselves").isEqualTo("[\"pod-template-hash\"]"));
        }
        ofKind("PodDisruptionBudget").forEach(p -> assertThat(p.path("spec").path("maxUnavailable").asInt())
                .as("one pod at a time, however many run").isEqualTo(1));
    }

    @Test
    void everyContainerHasAReadOnlyRootAndABoundedTmpToWriteIn() {
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            Map<String, JsonNode> volumes = new java.util.HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asString(), v));
            for (JsonNode container : pod.path("containers")) {
                String name = container.path("name").asString();
                assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)).as(name)
                        .isTrue();
                List<String> tmpVolumes = new ArrayList<>();
                container.path("volumeMounts").forEach(m -> {
                    if (m.path("mountPath").asString().equals("/tmp")) {
                        tmpVolumes.add(m.path("name").asString());
                    }
                });
                assertThat(tmpVolumes).as(name + ": /tmp, where the JVM writes").hasSize(1);
                JsonNode tmp = volumes.get(tmpVolumes.get(0));
                assertThat(tmp).as(name).isNotNull();
                assertThat(tmp.path("emptyDir").path("sizeLimit").asString("")).as(name + ": a bounded emptyDir")
                        .isNotBlank();
            }
        }
    }

    @Test
    void onlyTheGatewayAndPrometheusReachTheMcpServers() {
        Map<String, JsonNode> policies = new java.util.HashMap<>();
        ofKind("NetworkPolicy").forEach(p -> policies.put(
                p.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asString(), p));
        for (JsonNode service : ofKind("Service")) {
            String app = service.path("spec").path("selector").path("app.kubernetes.io/name").asString();
            if (app.equals("mcp-tools-gateway")) {
                continue; // the front door: reached by the ingress or load balancer
            }
            JsonNode spec = policies.get(app).path("spec");
            assertThat(spec.path("policyTypes").toString()).as(app).isEqualTo("[\"Ingress\"]");
            assertThat(spec.path("ingress")).as(app).hasSize(1);
            JsonNode rule = spec.path("ingress").get(0);
            Map<String, JsonNode> from = new java.util.HashMap<>();
            rule.path("from").forEach(peer -> from.put(
                    peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asString(), peer));
            assertThat(from.keySet()).as(app).containsExactlyInAnyOrder("mcp-tools-gateway", "prometheus");
            assertThat(from.get("mcp-tools-gateway").has("namespaceSelector")).as("the gateway's own namespace")
                    .isFalse();
            // anyone may label a pod of their namespace "prometheus": only the monitoring's namespace is let in
            assertThat(from.get("prometheus").path("namespaceSelector").path("matchLabels").size()).as(app)
                    .isPositive();
            assertThat(rule.path("ports").get(0).path("port").asString()).as(app)
                    .isEqualTo(service.path("spec").path("ports").get(0).path("targetPort").asString());
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
        ofKind("HorizontalPodAutoscaler").forEach(h -> {
            JsonNode scaled = deployments.get(h.path("spec").path("scaleTargetRef").path("name").asString());
            assertThat(scaled).isNotNull();
            assertThat(scaled.path("spec").has("replicas")).as("replicas left to the autoscaler").isFalse();
        });
        ofKind("PodDisruptionBudget").forEach(p -> assertThat(deployments)
                .containsKey(p.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asString()));
    }

    @Test
    void stoppingServersAreLeftByTheServiceFirstAndUnreadyPodsNeverHoldUpADrain() {
        for (JsonNode deployment : ofKind("Deployment")) {
            String name = deployment.path("metadata").path("name").asString();
            if (name.equals("mcp-tools-gateway")) {
                continue; // it drains by itself (server.drain_ms), answering not ready while the Service lets go
            }
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("containers").get(0).path("lifecycle").path("preStop").path("exec").path("command")
                    .toString()).as(name).isEqualTo("[\"sleep\",\"5\"]");
            assertThat(pod.path("terminationGracePeriodSeconds").asInt()).as("the wait and the server's own stop, 10 s")
                    .isGreaterThan(5 + 10);
        }
        ofKind("PodDisruptionBudget").forEach(p -> assertThat(p.path("spec").path("unhealthyPodEvictionPolicy")
                .asString("")).isEqualTo("AlwaysAllow"));
    }

    @Test
    void gatewayConfigMapIsAConfigurationTheGatewayAccepts() throws IOException {
        String yaml = ofKind("ConfigMap").get(0).path("data").path("gateway.yaml").asString();
        Path file = Files.createTempFile("gateway", ".yaml");
        try {
            Files.writeString(file, yaml);
            // the variables the gateway's Deployment sets from its Secrets, with example values
            Map<String, String> secrets = Map.of("COGNITO_USER_POOL_ID", "us-east-1_Example1", "COGNITO_CLIENT_ID",
                    "client", "REDIS_URL", "redis://redis:6379");
            JsonNode gateway = ofKind("Deployment").stream()
                    .filter(d -> d.path("metadata").path("name").asString().equals("mcp-tools-gateway")).findFirst()
                    .orElseThrow();
            List<String> fromSecrets = new ArrayList<>();
            gateway.path("spec").path("template").path("spec").path("containers").get(0).path("env").forEach(e -> {
                if (e.path("valueFrom").has("secretKeyRef")) {
                    fromSecrets.add(e.path("name").asString());
                }
            });
            assertThat(fromSecrets).containsExactlyInAnyOrderElementsOf(secrets.keySet());
            GatewayConfig config = new ConfigLoader(secrets).load(file);

            assertThat(config.backends()).extracting(b -> b.url().toString())
                    .containsExactly("http://restaurant-search:8081", "http://restaurant-reasoning:8082");
            assertThat(config.environment()).isEqualTo(Environment.PRODUCTION);
            assertThat(EnvironmentWarnings.of(config, config.environment(), "INFO", "JSON")).isEmpty();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void eachMcpServerAcceptsTheHostTheGatewayCallsItBy() throws IOException {
        String yaml = ofKind("ConfigMap").get(0).path("data").path("gateway.yaml").asString();
        JsonNode backends = new YAMLMapper().readTree(yaml).path("backends");
        assertThat(backends.size()).isEqualTo(2);
        for (JsonNode backend : backends) {
            URI url = URI.create(backend.path("url").asString());
            JsonNode service = ofKind("Service").stream()
                    .filter(s -> s.path("metadata").path("name").asString().equals(url.getHost())).findFirst()
                    .orElseThrow(() -> new AssertionError("no Service " + url.getHost() + " for " + url));
            JsonNode server = ofKind("Deployment").stream().filter(d -> d.path("spec").path("selector")
                    .path("matchLabels").equals(service.path("spec").path("selector"))).findFirst().orElseThrow();
            List<String> allowed = new ArrayList<>();
            server.path("spec").path("template").path("spec").path("containers").get(0).path("env").forEach(e -> {
                if (e.path("name").asString().equals("MCP_ALLOWED_HOSTS")) {
                    allowed.addAll(List.of(e.path("value").asString().split(",")));
                }
            });
            // the Host the gateway's backend client sends: the URL's host and port; another gets 421
            Map<String, List<String>> host = Map.of("Host", List.of(url.getHost() + ":" + url.getPort()));

            assertThatCode(() -> OneOriginValidator.of(allowed, List.of()).validateHeaders(host)).as(url.toString())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theIngressSendsTheGatewaysHostToItsServiceAndLetsItsLargestBodiesThrough() throws IOException {
        JsonNode ingress = ofKind("Ingress").get(0);
        JsonNode rule = ingress.path("spec").path("rules").get(0);
        JsonNode backend = rule.path("http").path("paths").get(0).path("backend").path("service");
        JsonNode service = ofKind("Service").stream()
                .filter(s -> s.path("metadata").path("name").asString().equals(backend.path("name").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + backend.path("name")));
        assertThat(service.path("spec").path("ports").valueStream().map(p -> p.path("name").asString()))
                .contains(backend.path("port").path("name").asString());
        assertThat(service.path("spec").path("selector").path("app.kubernetes.io/name").asString())
                .isEqualTo("mcp-tools-gateway");

        // the Host it passes on is one /mcp accepts, or every MCP client gets 421
        JsonNode gateway = new YAMLMapper().readTree(ofKind("ConfigMap").get(0).path("data").path("gateway.yaml")
                .asString());
        List<String> allowed = gateway.path("mcp").path("allowed_hosts").valueStream().map(JsonNode::asString)
                .toList();
        assertThatCode(() -> OneOriginValidator.of(allowed, List.of()).validateHeaders(Map.of("Host",
                List.of(rule.path("host").asString())))).doesNotThrowAnyException();

        // bodies the gateway takes pass the controller (ingress-nginx's default is 1 MiB)
        String size = ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/proxy-body-size")
                .asString();
        assertThat(size).matches("\\d+m");
        long gatewayLimit = gateway.path("server").path("max_request_bytes").asLong(2_097_152);
        assertThat(Long.parseLong(size.substring(0, size.length() - 1)) * 1024 * 1024).isGreaterThan(gatewayLimit);
    }

    @Test
    void everyFieldIsOneTheKubernetesApiKnowsWithTheTypeItHas() {
        assertThat(DOCUMENTS).allSatisfy(document -> assertThat(schemaProblems(document))
                .as(document.path("kind").asString() + " " + document.path("metadata").path("name").asString())
                .isEmpty());
    }

    @Test
    void theSchemaCheckFindsAMisspeltFieldAndAValueOfTheWrongType() {
        JsonNode deployment = ofKind("Deployment").get(0).deepCopy();
        var container = (tools.jackson.databind.node.ObjectNode) deployment.path("spec").path("template").path("spec")
                .path("containers").get(0);
        ((tools.jackson.databind.node.ObjectNode) container.path("livenessProbe")).put("initialDelaySecond", 5);
        assertThat(schemaProblems(deployment)).singleElement().asString()
                .contains("livenessProbe").contains("initialDelaySecond");

        container.put("ports", "8080");
        assertThat(schemaProblems(deployment)).singleElement().asString().contains("cannot be read");
    }

    @Test
    void theSchemaCheckReadsNoScalarAsAnotherType() {
        JsonNode deployment = ofKind("Deployment").get(0);
        for (String field : List.of("periodSeconds", "timeoutSeconds")) {
            JsonNode changed = deployment.deepCopy();
            var probe = (tools.jackson.databind.node.ObjectNode) changed.path("spec").path("template").path("spec")
                    .path("containers").get(0).path("livenessProbe");
            probe.put(field, "5");
            assertThat(schemaProblems(changed)).as(field).singleElement().asString().contains("cannot be read");
        }
        JsonNode changed = deployment.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) changed.path("spec").path("template").path("spec")
                .path("securityContext")).put("runAsNonRoot", 1);
        assertThat(schemaProblems(changed)).singleElement().asString().contains("cannot be read");
    }

    /**
     * What the Kubernetes API would refuse in a document: fields it does not know (read into the model's "additional
     * properties", as the API server's strict field validation refuses them) and values of the wrong type.
     */
    private static List<String> schemaProblems(JsonNode document) {
        String type = document.path("apiVersion").asString() + " " + document.path("kind").asString();
        Class<?> model = KUBERNETES_TYPES.get(type);
        if (model == null) {
            return List.of(type + ": no type to check it against (add it to KUBERNETES_TYPES)");
        }
        Object read;
        try {
            read = STRICT.treeToValue(document, model);
        } catch (RuntimeException e) {
            return List.of(type + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(read, document.path("kind").asString(), problems);
        return problems;
    }

    /** Reads no scalar as another type ("5" as 5, 1 as true), as the API server's strict decoding does not. */
    private static final YAMLMapper STRICT = YAMLMapper.builder()
            .disable(tools.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS).build();

    private static final Map<String, Class<?>> KUBERNETES_TYPES = Map.of(
            "apps/v1 Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class,
            "v1 Service", io.fabric8.kubernetes.api.model.Service.class,
            "v1 ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "autoscaling/v2 HorizontalPodAutoscaler",
            io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
            "policy/v1 PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
            "networking.k8s.io/v1 NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
            "networking.k8s.io/v1 Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);

    /** Walks the model's getters: every object of the API's types must have no field left over. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!(value instanceof io.fabric8.kubernetes.api.model.KubernetesResource)) {
            return; // strings, numbers, quantities
        }
        for (var getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || java.lang.reflect.Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(name -> problems.add(path + ": unknown field " + name));
            } else {
                String name = getter.getName().substring(3);
                unknownFields(field, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1),
                        problems);
            }
        }
    }

    @Test
    void kustomizeAppliesEveryManifestWithTheImageOfARegistry() throws IOException {
        JsonNode kustomization = YAMLMapper.builder().build().readTree(
                Files.readString(root.resolve("deploy/k8s").resolve(KUSTOMIZATION)));
        List<String> manifests;
        try (Stream<Path> files = Files.list(root.resolve("deploy/k8s"))) {
            manifests = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals(KUSTOMIZATION)).toList();
        }
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asString()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);

        Set<String> images = new java.util.HashSet<>();
        ofKind("Deployment").forEach(d -> d.path("spec").path("template").path("spec").path("containers")
                .forEach(c -> images.add(c.path("image").asString().replaceFirst(":[^:/]*$", ""))));
        JsonNode image = kustomization.path("images").get(0);
        assertThat(images).containsExactly(image.path("name").asString());
        assertThat(image.path("newName").asString()).as("a registry's host first").matches("[a-z0-9.-]+\\.[a-z]+/.+");
    }

    @Test
    void podsRunWithTheRuntimeDefaultSeccompProfileAndNoCapabilities() {
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asString())
                    .isEqualTo("RuntimeDefault");
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.path("securityContext").path("capabilities").path("drop").toString())
                        .isEqualTo("[\"ALL\"]");
            }
        }
    }

    @Test
    void imageRunsAsAnUnprivilegedUserWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(root.resolve("Dockerfile"));

        assertThat(dockerfile).contains("USER 10001:10001").contains("MaxRAMPercentage").contains("linux/arm64")
                .contains("HEALTHCHECK").contains("COPY --chmod=0555 deploy/docker/healthcheck.sh /app/healthcheck.sh")
                .contains("GATEWAY_HOST=0.0.0.0").contains("MCP_BIND_HOST=0.0.0.0");
    }
}
