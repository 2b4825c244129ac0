# syntax=docker/dockerfile:1
# Multi-stage image of the MCP Tools Gateway jar (gateway, search server, reasoning server: one image, the command
# picks the part). Multi-architecture, pushed to a registry (a multi-platform build stays in buildx otherwise):
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/mcp-tools-gateway:0.1.0 --push .

FROM --platform=$BUILDPLATFORM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY common common
COPY test-support test-support
COPY restaurant-core restaurant-core
COPY mcp-server-kit mcp-server-kit
COPY search-server search-server
COPY reasoning-server reasoning-server
COPY gateway gateway
COPY dev-idp dev-idp
COPY app app
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:21-jre
# An unprivileged user with a fixed id, so Kubernetes can check runAsNonRoot.
RUN groupadd --gid 10001 gateway \
    && useradd --uid 10001 --gid gateway --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin gateway
WORKDIR /app
COPY --from=build /src/app/target/mcp-tools-gateway.jar /app/mcp-tools-gateway.jar
COPY --chmod=0555 deploy/docker/healthcheck.sh /app/healthcheck.sh
USER 10001:10001
# Container-aware heap sizing, leaving 40% of the memory limit to the rest of the JVM (metaspace, code, thread stacks,
# GC structures and direct buffers, which grow with the node's CPUs: 75% took the gateway past a 1 GiB limit on 16);
# fail fast on OOM so the orchestrator restarts the pod; JSON logs.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC" \
    LOG_FORMAT=JSON \
    GATEWAY_HOST=0.0.0.0 \
    MCP_BIND_HOST=0.0.0.0
EXPOSE 8080 8081 8082
# GET /health of an MCP server, /health/live of the gateway, on the port its command line or environment gives it
# (or HEALTH_PORT): see healthcheck.sh.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["/app/healthcheck.sh"]
# The Vector API (an incubator module of the JDK, in the JRE too) lets the gateway skip JSON with SIMD instructions.
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "-jar", "/app/mcp-tools-gateway.jar"]
# The gateway configured by its environment (OIDC_ISSUER_URL or COGNITO_*, MCP_*_SERVER_URL, GATEWAY_PORT...), which
# a platform that sets no command or mounts (AgentCore Runtime) can give; deploy/k8s passes --config and a ConfigMap.
CMD ["gateway"]
