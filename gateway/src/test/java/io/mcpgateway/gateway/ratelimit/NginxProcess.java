package io.mcpgateway.gateway.ratelimit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import io.mcpgateway.testsupport.LocalProcessFiles;

/**
 * A real nginx (the Debian package) as a load balancer on a free loopback port, round-robin over upstream ports,
 * with its configuration, pid file, logs and temporary files in a directory of its own. It opens a new upstream
 * connection per request (no upstream keep-alive) and passes a request that met an error (refused, reset) or no
 * answer within 5 s to the other upstream, POSTs included: the routes behind it are read-only. That is what a
 * request needs that reaches an instance in the moment it stops: its connection may already be in the kernel's
 * accept queue and is then reset, or (rarely, seen here) left unanswered. Tests using it are skipped, saying why,
 * where nginx is not installed.
 */
final class NginxProcess implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/sbin/nginx", "/usr/bin/nginx",
            "/usr/local/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private NginxProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts one in front of {@code upstreamPorts}, or skips the calling test when nginx is not installed. */
    static NginxProcess startOrSkip(String testName, List<Integer> upstreamPorts) {
        Optional<Path> binary = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED: " + testName + " needs nginx (Debian: apt-get install nginx-light;"
                    + " .ci/run installs it)");
        }
        Assumptions.assumeTrue(binary.isPresent(), "nginx is not installed");
        try {
            int port = LocalProcessFiles.freePort();
            Path dir = Files.createTempDirectory("nginx-test");
            Files.writeString(dir.resolve("nginx.conf"), config(port, upstreamPorts, dir));
            Process process = new ProcessBuilder(binary.get().toString(), "-p", dir.toString(), "-c",
                    dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            NginxProcess nginx = new NginxProcess(process, port, dir);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
                }
                return nginx.accepts();
            });
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(int port, List<Integer> upstreamPorts, Path dir) {
        String servers = upstreamPorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=30s;")
                .collect(Collectors.joining("\n"));
        return """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream gateways {
                %2$s
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://gateways;
                      proxy_next_upstream error timeout non_idempotent;
                      proxy_next_upstream_tries 2;
                      proxy_connect_timeout 2s;
                      proxy_read_timeout 5s;
                    }
                  }
                }
                """.formatted(dir, servers, port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LocalProcessFiles.deleteRecursively(dir);
    }

}
