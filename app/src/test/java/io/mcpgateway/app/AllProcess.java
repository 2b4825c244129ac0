package io.mcpgateway.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code all} as a user starts it: its own JVM on port 0 everywhere, with the URLs read from what it prints.
 * Closing it sends what Ctrl-C sends.
 */
public final class AllProcess implements AutoCloseable {

    private static final Pattern GATEWAY = Pattern.compile("gateway +(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern ISSUER = Pattern.compile("OIDC issuer +(http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final List<String> output;
    private final String gateway;
    private final String issuer;

    private AllProcess(Process process, List<String> output, String gateway, String issuer) {
        this.process = process;
        this.output = output;
        this.gateway = gateway;
        this.issuer = issuer;
    }

    /**
     * Starts {@code all} with {@code options} after its own and returns once it has printed its URLs (its welcome ends
     * with the Ctrl-C line).
     */
    public static AllProcess start(Path dataDir, String... options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.mcpgateway.app.Main", "all", "--data-dir", dataDir.toString(), "--port", "0", "--search-port", "0",
                "--reasoning-port", "0", "--idp-port", "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String gateway = null;
        String issuer = null;
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("Ctrl-C")) {
            output.add(line);
            Matcher g = GATEWAY.matcher(line);
            Matcher i = ISSUER.matcher(line);
            gateway = g.find() ? g.group(1) : gateway;
            issuer = i.find() ? i.group(1) : issuer;
        }
        if (gateway == null || issuer == null) {
            process.destroyForcibly();
            throw new IllegalStateException("all did not print its URLs:\n" + String.join("\n", output));
        }
        // Keep reading so the process never blocks on a full pipe.
        Thread.ofVirtual().start(() -> lines.lines().forEach(l -> { }));
        return new AllProcess(process, output, gateway, issuer);
    }

    public String gatewayUrl() {
        return gateway;
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpoint() {
        return issuer + "/oauth2/token";
    }

    /** What it printed up to its URLs. */
    public String welcome() {
        return String.join("\n", output);
    }

    /** Sends what Ctrl-C sends and waits for the exit code. */
    public int stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("all did not stop within 30 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
