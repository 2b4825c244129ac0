package io.mcpgateway.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

class CausesTest {

    private final ConnectException refused = new ConnectException("refused");
    private final IllegalStateException wrapped = new IllegalStateException("wrapper",
            new UncheckedIOException(new IOException("io", refused)));

    @Test
    void findGivesTheFirstOfTheChainOfATypeTheFailureItselfIncluded() {
        assertThat(Causes.find(wrapped, ConnectException.class)).containsSame(refused);
        assertThat(Causes.find(wrapped, IOException.class)).get().extracting(Throwable::getMessage).isEqualTo("io");
        assertThat(Causes.find(wrapped, IllegalStateException.class)).containsSame(wrapped);
        assertThat(Causes.find(wrapped, ArithmeticException.class)).isEmpty();
    }

    @Test
    void rootIsTheLastOfTheChain() {
        assertThat(Causes.root(wrapped)).isSameAs(refused);
        assertThat(Causes.root(refused)).isSameAs(refused);
    }
}
