package io.mcpgateway.gateway.ratelimit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import io.mcpgateway.testsupport.LocalProcessFiles;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, without persistence, that a test can
 * kill, freeze and start again on the same port. Tests using it are skipped, saying why, where it is not installed.
 */
final class RedisServerProcess implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int SLOTS = 16_384;

    private final Path binary;
    private final int port;
    private final Path dir;
    private final List<String> options;
    private Process process;

    private RedisServerProcess(Path binary, int port, List<String> options) throws IOException {
        this.binary = binary;
        this.port = port;
        this.dir = Files.createTempDirectory("redis-test");
        this.options = options;
    }

    /** Starts one, or skips the calling test when {@code redis-server} is not installed. */
    static RedisServerProcess startOrSkip(String testName) {
        return startOrSkip(testName, List.of());
    }

    /**
     * Starts a cluster of {@code shards} nodes, each a primary holding an equal share of the slots (as a managed Redis
     * in cluster mode is, without replicas): a node refuses a command or script whose keys are in different slots, and
     * redirects one whose slot another node holds. The first node is the one to connect to.
     */
    static List<RedisServerProcess> startClusterOrSkip(String testName, int shards) {
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            ranges.add(SLOTS * i / shards + " " + (SLOTS * (i + 1) / shards - 1));
        }
        return startClusterOrSkip(testName, ranges);
    }

    /**
     * Starts a cluster of one primary per entry of {@code slotRanges}, each holding the ranges its entry names
     * ({@code CLUSTER ADDSLOTSRANGE} arguments: start and end, any number of pairs).
     */
    static List<RedisServerProcess> startClusterOrSkip(String testName, List<String> slotRanges) {
        int shards = slotRanges.size();
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (String ranges : slotRanges) {
                RedisServerProcess node = startOrSkip(testName, List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-port",
                        Integer.toString(LocalProcessFiles.freePort())));
                nodes.add(node);
                node.command("CLUSTER ADDSLOTSRANGE " + ranges);
            }
            for (RedisServerProcess node : nodes.subList(1, shards)) {
                node.command("CLUSTER MEET 127.0.0.1 " + nodes.get(0).port + " " + nodes.get(0).clusterPort());
            }
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> nodes.stream()
                    .map(node -> node.command("CLUSTER INFO")).allMatch(info -> info.contains("cluster_state:ok")
                            && info.contains("cluster_known_nodes:" + shards + "\r\n")));
            return nodes;
        } catch (RuntimeException | Error e) {
            nodes.forEach(RedisServerProcess::close);
            throw e;
        }
    }

    /** Starts one node in cluster mode that holds no slot yet (a cluster not set up, or every slot taken away). */
    static RedisServerProcess startClusterNodeWithoutSlotsOrSkip(String testName) {
        return startOrSkip(testName, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-port", Integer.toString(LocalProcessFiles.freePort())));
    }

    private int clusterPort() {
        return Integer.parseInt(options.get(options.indexOf("--cluster-port") + 1));
    }

    /** Makes this node refuse writes (a full memory, no eviction), its connections staying open. */
    void fillMemory() {
        command("CONFIG SET maxmemory-policy noeviction");
        command("CONFIG SET maxmemory 1");
    }

    /**
     * Makes this server want {@code password} from every client connecting from now on (Redis's {@code requirepass}),
     * as a managed Redis with AUTH does, until it is started again; {@link #answers} says false meanwhile.
     */
    void requirePassword(String password) {
        command("CONFIG SET requirepass " + password);
    }

    /** The port it listens on, to check that no answer names it. */
    int port() {
        return port;
    }

    /** How many keys this node holds. */
    long keyCount() {
        String reply = command("DBSIZE"); // ":<count>\r\n"
        return Long.parseLong(reply.substring(1).strip());
    }

    private static RedisServerProcess startOrSkip(String testName, List<String> options) {
        Optional<Path> binary = find();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED: " + testName + " needs redis-server (Debian: apt-get install redis-server;"
                    + " .ci/run installs it)");
        }
        Assumptions.assumeTrue(binary.isPresent(), "redis-server is not installed");
        try {
            RedisServerProcess redis = new RedisServerProcess(binary.get(), LocalProcessFiles.freePort(), options);
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> find() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "redis-server"));
        return Stream.concat(CANDIDATES.stream().map(Path::of), onPath).filter(Files::isExecutable).findFirst();
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port and waits until it answers PING. */
    void start() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no"));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(this::answers);
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: connections stay open, nothing is answered meanwhile. */
    void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the server answers PING with PONG, over a plain socket. */
    boolean answers() {
        try {
            return command("PING").equals("+PONG\r\n");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Sends one inline command over a plain socket; the start of the reply, as much as came within 500 ms. */
    private String command(String line) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[4096];
            int n = in.read(reply);
            return n < 0 ? "" : new String(reply, 0, n, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the server (thawing it first, in case a test froze it) and removes its directory. */
    @Override
    public void close() {
        if (process != null) {
            signal("CONT");
            kill();
        }
        LocalProcessFiles.deleteRecursively(dir);
    }

}
