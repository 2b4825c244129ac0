package io.mcpgateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The backlog of a listening TCP socket as the kernel holds it, read with iproute2's {@code ss} (its Send-Q column for
 * a listening socket), which the JDK cannot tell; empty where {@code ss} is missing (not Linux, no iproute2).
 */
public final class ListenBacklog {

    private ListenBacklog() {
    }

    /** The backlog of the socket listening on {@code port}, if {@code ss} can tell. */
    public static OptionalInt of(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0 || out.isEmpty()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(out.lines().findFirst().orElseThrow().strip().split("\\s+")[2]));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** What a socket asking for {@code backlog} gets: the kernel caps it at {@code net.core.somaxconn}. */
    public static int granted(int backlog) {
        try {
            // by lines: Files.readString gave "4" of this file's "4096" (JDK 25); a read by lines gets it whole
            return Math.min(backlog, Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn"))
                    .getFirst().strip()));
        } catch (IOException | NumberFormatException | java.util.NoSuchElementException e) {
            return backlog;
        }
    }
}
