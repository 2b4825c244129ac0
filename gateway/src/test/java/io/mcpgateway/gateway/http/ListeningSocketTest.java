package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.mcpgateway.mcpkit.HeaderDeadline;
import io.mcpgateway.testsupport.ListenBacklog;

class ListeningSocketTest {

    private static final String HOST = "127.0.0.1";

    private final List<Server> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (Server server : servers) {
            server.stop();
        }
    }

    @Test
    void aBurstOfNewConnectionsWaitsInABacklogOf511NotJavas50() {
        ListeningSocket socket = ListeningSocket.bind(HOST, 0);
        try {
            OptionalInt backlog = ListenBacklog.of(socket.port());
            Assumptions.assumeTrue(backlog.isPresent(), "ss (iproute2) is not here to read a socket's backlog");

            assertThat(backlog.getAsInt()).isEqualTo(ListenBacklog.granted(511));
        } finally {
            socket.close();
        }
    }

    @Test
    void aPortOneSocketHoldsCannotBeBoundBySecond() {
        ListeningSocket first = ListeningSocket.bind(HOST, 0);
        try {
            assertThatThrownBy(() -> ListeningSocket.bind(HOST, first.port()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Failed to bind to 127.0.0.1:" + first.port());
        } finally {
            first.release();
        }
    }

    @Test
    void onlyTheLastReleaseClosesTheSocketAndFreesItsPort() throws IOException {
        ListeningSocket socket = ListeningSocket.bind(HOST, 0);
        socket.share();

        socket.release();
        try (Socket connection = connect(socket.port())) {
            assertThat(connection.isConnected()).as("still listening after the first of two releases").isTrue();
        }
        socket.release();

        assertThatThrownBy(() -> connect(socket.port()).close()).isInstanceOf(ConnectException.class);
        ListeningSocket.bind(HOST, socket.port()).release();
        assertThatThrownBy(socket::share).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectionsWaitUntilAServerServesThenGoToTheLatestAndOutliveTheOnesStopped() throws Exception {
        ListeningSocket socket = ListeningSocket.bind(HOST, 0);
        try {
            AdoptingConnector first = startServer(socket, "first");
            AdoptingConnector second = startServer(socket, "second");

            try (Socket early = connect(socket.port())) {
                send(early);
                early.setSoTimeout(300);
                assertThatThrownBy(() -> early.getInputStream().read()).as("not served before serveWith")
                        .isInstanceOf(SocketTimeoutException.class);
                socket.serveWith(first);
                early.setSoTimeout(5_000);
                assertThat(answer(early)).endsWith("first");
            }

            socket.serveWith(second);
            assertThat(get(socket.port())).endsWith("second");

            servers.get(0).stop(); // Jetty interrupts its acceptor: the shared socket must stay open
            for (int i = 0; i < 20; i++) {
                assertThat(get(socket.port())).endsWith("second");
            }
            assertThat(first.isRunning()).isFalse();
        } finally {
            socket.release();
        }
    }

    private AdoptingConnector startServer(ListeningSocket socket, String name) throws Exception {
        Server server = new Server();
        AdoptingConnector connector = new AdoptingConnector(server, new HttpConfiguration(), socket, 100,
                HeaderDeadline.DEFAULT);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, name, callback);
                return true;
            }
        });
        servers.add(server);
        server.start();
        return connector;
    }

    private static Socket connect(int port) throws IOException {
        return new Socket(InetAddress.getByName(HOST), port);
    }

    private static String get(int port) throws IOException {
        try (Socket connection = connect(port)) {
            connection.setSoTimeout(5_000);
            send(connection);
            return answer(connection);
        }
    }

    private static void send(Socket connection) throws IOException {
        connection.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static String answer(Socket connection) throws IOException {
        return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
