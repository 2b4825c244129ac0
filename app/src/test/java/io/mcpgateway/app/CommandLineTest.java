package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/** The command line as users type it: help, exit codes and start-up errors that name the setting. */
class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "gateway", "search-server", "reasoning-server", "dev-idp", "generate-data"})
    void everySubcommandExplainsItselfWithHelp(String subcommand) {
        assertThat(run(subcommand, "--help")).isZero();
        assertThat(out.toString()).contains("Usage:").contains(subcommand).contains("--help");
    }

    @Test
    void allSaysItsHostOptionMovesTheServersNotTheGatewayAndStillTakesIt() {
        assertThat(run("all", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--host=<bindHost> Address the two MCP servers"
                + " listen on, which take no token (env MCP_BIND_HOST; default 127.0.0.1); the gateway listens on"
                + " GATEWAY_HOST");

        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("all", "--host", "0.0.0.0");
        AllCommand all = commandLine.getSubcommands().get("all").getCommand();
        assertThat(all.server.bindHost).isEqualTo("0.0.0.0");
    }

    @Test
    void theVersionIsTheOneTheServersReport() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("mcp-tools-gateway " + io.mcpgateway.gateway.GatewayServer.VERSION
                + " (build ");
    }

    @Test
    void noSubcommandIsAUsageErrorListingThem() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand").contains("search-server");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("search-server", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--colour'");
    }

    @Test
    void nonNumericPortIsAUsageError() {
        assertThat(run("reasoning-server", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aPortInUseStopsStartUpWithOneLineNamingThePort() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertThat(run("dev-idp", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(err.toString()).startsWith("error: cannot listen: Failed to bind to 127.0.0.1:"
                    + taken.getLocalPort() + ": ") // the address as typed, not the JDK's "/127.0.0.1"
                    .contains("Choose another with --port, DEV_IDP_PORT or dev_idp.port (dev-idp --help)")
                    .doesNotContain("\tat ", "Exception");
            assertThat(err.toString().strip().lines()).hasSize(1);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aHostThatDoesNotResolveStopsStartUpWithOneLineSayingSo() {
        assertThat(run("reasoning-server", "--port", "0", "--host", "nosuchhost.invalid")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot listen: ").contains("nosuchhost.invalid")
                .contains("not an address of this machine")
                .doesNotContain("\tat ", "Exception", "already in use", "<unresolved>");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void allWithTwoPartsOnOnePortIsAUsageErrorNamingBothOptions() {
        assertThat(run("all", "--port", "19530", "--search-port", "19530")).isEqualTo(2);
        assertThat(err.toString()).contains("--port and --search-port are both 19530")
                .doesNotContain("already in use");
    }

    @Test
    void aWrongAllowedHostOrOriginIsAUsageErrorNamingTheOptionBeforeTheDataLoads() {
        assertThat(run("search-server", "--port", "0", "--allowed-host", "*", "--data-dir", "/nowhere")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for option '--allowed-host' (<host>): '*' is"
                + " not host").doesNotContain("/nowhere");
        assertThat(run("reasoning-server", "--port", "0", "--allowed-origin", "http://a.com/")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--allowed-origin' (<origin>):"
                + " 'http://a.com/'");
        assertThat(run("reasoning-server", "--port", "0", "--allowed-host", "localhost:*,,", "--allowed-origin", " ",
                "--shutdown-timeout-seconds", "-1")).as("blanks are left out; the next option is refused")
                .isEqualTo(2);
        assertThat(err.toString()).contains("--shutdown-timeout-seconds");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aGatewayHostThatDoesNotResolveStopsStartUpNamingIt() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"),
                "auth: {issuer: 'http://127.0.0.1:1', client_ids: [x]}\nserver: {host: 127.0.0.1}\n");

        assertThat(run("gateway", "--config", config.toString(), "--port", "0", "--host", "nosuchhost.invalid"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot listen: ").contains("nosuchhost.invalid");
        assertThat(run("gateway", "--config", config.toString(), "--host", " ")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--host': ' ' is not an address");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aGatewayPortInUseStopsStartUpBeforeTheIssuerIsAsked() throws IOException {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer issuer = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        issuer.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        issuer.start();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("gateway.yaml"), "auth: {issuer: 'http://127.0.0.1:"
                    + issuer.getAddress().getPort() + "', client_ids: [x]}\nserver: {host: 127.0.0.1}\n");

            assertThat(run("gateway", "--config", config.toString(), "--port", Integer.toString(taken.getLocalPort())))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("error: cannot listen: ")
                    .contains(Integer.toString(taken.getLocalPort()));
            assertThat(asked.get()).as("no key fetch, listing or probe before the port was known to be free").isZero();
        } finally {
            issuer.stop(0);
        }
    }

    @Test
    void theGatewaysHostAndPortOptionsWinOverTheFile() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"),
                "auth: {issuer: 'https://id.example.com', client_ids: [x]}\nserver: {host: 127.0.0.1, port: 8080}\n");

        var server = GatewayCommand.source(config, "0.0.0.0", 9999).read().config().server();

        assertThat(server.host()).isEqualTo("0.0.0.0");
        assertThat(server.port()).isEqualTo(9999);
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineNotAStackTrace() throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");

        assertThat(run("generate-data", "--restaurants", "10", "--out", file.resolve("sub").toString())).isEqualTo(1);

        assertThat(err.toString()).startsWith("error: ").contains("a-file is not a directory")
                .doesNotContain("\tat ", "Exception");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void missingDataDirectoryStopsStartUpNamingTheSetting() {
        assertThat(run("search-server", "--port", "0", "--data-dir", dir.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: --data-dir (DATA_DIR):").contains("is not a directory");
    }

    @Test
    void dataDirectoryWithoutCatalogStopsStartUpNamingTheFile() {
        assertThat(run("search-server", "--port", "0", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("districts/master-config.json not found");
    }

    @Test
    void aDataDirectoryAndAnS3BucketTogetherStopStartUp() {
        assertThat(run("search-server", "--port", "0", "--data-dir", dir.toString(), "--data-s3-bucket", "data"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("give either --data-dir (DATA_DIR) or --data-s3-bucket (DATA_S3_BUCKET)");
    }

    @Test
    void anEmptyDataDirectoryIsNoneNotTheWorkingDirectory() {
        // DATA_DIR= in a shell or a manifest: unset, as an empty DATA_S3_BUCKET is, so the bucket is what is read
        assertThat(run("search-server", "--port", "0", "--data-dir", "", "--data-s3-bucket", "Not_A_Bucket"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--data-s3-bucket (DATA_S3_BUCKET): not an S3 bucket name")
                .doesNotContain("give either");
    }

    @Test
    void aBadBucketNameOrAnUnreachableStoreStopsStartUpNamingTheSetting() {
        assertThat(run("search-server", "--port", "0", "--data-s3-bucket", "Not_A_Bucket")).isEqualTo(1);
        assertThat(err.toString()).contains("--data-s3-bucket (DATA_S3_BUCKET): not an S3 bucket name");

        int closedPort = io.mcpgateway.testsupport.LocalProcessFiles.freePort();
        assertThat(run("search-server", "--port", "0", "--data-s3-bucket", "restaurant-data", "--data-s3-endpoint",
                "http://127.0.0.1:" + closedPort)).isEqualTo(1);
        assertThat(err.toString()).contains("--data-s3-bucket (DATA_S3_BUCKET): cannot list districts/ in"
                + " s3://restaurant-data/");
    }

    @Test
    void anS3EndpointWithAPathIsRefusedBeforeAnyCall() {
        assertThat(run("search-server", "--port", "0", "--data-s3-bucket", "restaurant-data", "--data-s3-endpoint",
                "http://127.0.0.1:9000/some/path")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: --data-s3-endpoint (DATA_S3_ENDPOINT) must be the store's"
                + " address without a path, such as http://minio:9000, but has the path '/some/path'");
    }

    @Test
    void s3SettingsWithoutABucketStopStartUpRatherThanBeIgnored() {
        assertThat(run("search-server", "--port", "0", "--data-s3-endpoint", "http://127.0.0.1:9000")).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("error: --data-s3-endpoint (DATA_S3_ENDPOINT) needs --data-s3-bucket (DATA_S3_BUCKET)");
        assertThat(run("search-server", "--port", "0", "--data-s3-prefix", "hk/")).isEqualTo(1);
        assertThat(err.toString()).contains("error: --data-s3-prefix (DATA_S3_PREFIX) needs --data-s3-bucket");
    }

    @Test
    void negativeDurationsAndCountsAreUsageErrorsBeforeAnythingStarts() {
        assertThat(run("search-server", "--port", "0", "--data-s3-bucket", "restaurant-data", "--data-reload-seconds",
                "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--data-reload-seconds': '-1' is not a whole"
                + " number of 0 or more");
        assertThat(run("reasoning-server", "--port", "0", "--shutdown-timeout-seconds", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("'--shutdown-timeout-seconds': '-1' is not a whole number of 0 or more");
        assertThat(run("search-server", "--port", "0", "--max-page-size", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("'--max-page-size': '0' is not a whole number of 1 or more");
        assertThat(run("search-server", "--port", "0", "--data-reload-seconds", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a whole number of 0 or more");
        // a whole number all the same: the message says what is wrong with it
        assertThat(run("search-server", "--port", "0", "--max-page-size", "999999999999")).isEqualTo(2);
        assertThat(err.toString()).contains("'--max-page-size': '999999999999' is larger than 2147483647");
    }

    @Test
    void aBadS3RegionOrEndpointNamesTheSetting() {
        assertThat(run("search-server", "--port", "0", "--data-s3-bucket", "restaurant-data", "--data-s3-region", " "))
                .isEqualTo(1);
        assertThat(err.toString()).contains("error: --data-s3-region (AWS_REGION) must be a region name such as"
                + " eu-west-1");
        for (String endpoint : new String[] {"ftp://user:secret@store.example.com", "//127.0.0.1:9000",
            "http://user:secret@x y", "http://user:secret x@127.0.0.1:9000"}) {
            assertThat(run("search-server", "--port", "0", "--data-s3-bucket", "restaurant-data", "--data-s3-endpoint",
                    endpoint)).as(endpoint).isEqualTo(2);
            assertThat(err.toString()).contains("Invalid value for option '--data-s3-endpoint'")
                    .contains("is not an http(s) URL").doesNotContain("secret", "Exception", "Cannot invoke");
        }
        assertThat(run("reasoning-server", "--port", "0", "--host", " ")).as("a usage error, as for the gateway")
                .isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--host': ' ' is not an address");
        assertThat(run("reasoning-server", "--port", "0", "--max-request-bytes", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--max-request-bytes': '10' is not a whole"
                + " number of 1024 or more");
        assertThat(run("search-server", "--port", "0", "--max-connections", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--max-connections': '3' is not a whole"
                + " number of 16 or more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all --port", "all --search-port", "all --reasoning-port", "all --idp-port",
        "gateway --port", "search-server --port", "reasoning-server --port", "dev-idp --port"})
    void portOutOfRangeIsAUsageErrorBeforeAnythingStarts(String commandAndOption) {
        String[] words = commandAndOption.split(" ");
        for (String bad : new String[] {"70000", "-1", "99999"}) {
            StringWriter errors = new StringWriter();
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(errors, true));

            assertThat(commandLine.execute(words[0], words[1], bad)).as(commandAndOption + " " + bad).isEqualTo(2);
            assertThat(errors.toString()).contains("Invalid value for option '" + words[1] + "'")
                    .contains("'" + bad + "' is not a port number (0 to 65535)")
                    .doesNotContain("started", "listening");
        }
    }

    @Test
    void gatewayWithoutAnIssuerStopsStartUpNamingTheSetting() {
        assertThat(run("gateway", "--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("error: auth.issuer is required");
    }

    @Test
    void gatewayWithAMissingConfigFileStopsStartUp() {
        assertThat(run("gateway", "--config", dir.resolve("absent.yaml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a readable file");
    }

    @Test
    void gatewayWithABadConfigFileNamesTheSetting() throws IOException {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "auth: {issuer: 'https://id.example.com', client_ids: [x], leeway_seconds: -1}");

        assertThat(run("gateway", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("auth.leeway_seconds must be between 0 and 600 but was -1");
    }

    @Test
    void generateDataWritesTheRequestedDataSet() throws IOException {
        Path target = dir.resolve("data");

        assertThat(run("generate-data", "--out", target.toString(), "--restaurants", "500", "--compact")).isZero();

        assertThat(target.resolve("districts/master-config.json")).exists();
        try (var files = Files.walk(target.resolve("restaurants"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(85);
        }
        assertThat(out.toString()).contains("Wrote 500 restaurants in 85 districts");
    }

    @Test
    void generateDataRefusesToOverwrite() throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "precious");

        assertThat(run("generate-data", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("must be a new or empty directory, but it holds files");
        assertThat(dir.resolve("keep.txt")).hasContent("precious");
        assertThat(run("generate-data", "--out", dir.resolve("keep.txt").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("but it is a file");
    }

    @Test
    void negativeRestaurantCountIsRefused() {
        assertThat(run("generate-data", "--out", dir.resolve("x").toString(), "--restaurants", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("'--restaurants': '-1' is not a whole number of 0 or more");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
