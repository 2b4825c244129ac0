package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileTooLargeExceptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "0", "", "1e6"})
    void aLimitThatIsNoPositiveNumberOfBytesIsRefusedNotReplacedByTheDefault(String value) {
        try (FileLimit ignored = FileLimit.of(value)) {
            assertThatThrownBy(FileTooLargeException::maxBytes).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-D" + FileTooLargeException.PROPERTY + " must be a positive number of bytes but was '"
                            + value + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"4096", " 4096 "})
    void aPositiveNumberOfBytesIsTheLimit(String value) {
        try (FileLimit ignored = FileLimit.of(value)) {
            assertThat(FileTooLargeException.maxBytes()).isEqualTo(4096);
        }
    }
}
