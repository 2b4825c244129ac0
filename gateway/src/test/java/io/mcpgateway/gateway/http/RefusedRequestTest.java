package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a refused request's path its access line shows: printable ASCII, bounded, never another line. */
class RefusedRequestTest {

    @Test
    void aPathOfPrintableAsciiIsWrittenAsSent() {
        assertThat(RefusedRequest.loggable("/api/v1/restaurants/%ZZ;x=1")).isEqualTo("/api/v1/restaurants/%ZZ;x=1");
    }

    @Test
    void controlCharactersSpacesAndOtherCharactersArePercentEncodedAsUtf8() {
        assertThat(RefusedRequest.loggable("/a\r\nINFO forged line\u0000/\u00e9/\uD83D\uDE00"))
                .isEqualTo("/a%0D%0AINFO%20forged%20line%00/%C3%A9/%F0%9F%98%80");
    }

    @Test
    void aLongPathIsCutAndSaysSo() {
        String path = "/" + "a".repeat(10_000);

        assertThat(RefusedRequest.loggable(path)).hasSize(RefusedRequest.MAX_PATH_CHARS + 3)
                .startsWith("/aaa").endsWith("a...");
        assertThat(RefusedRequest.loggable(path.substring(0, RefusedRequest.MAX_PATH_CHARS)))
                .as("at the bound, nothing cut").doesNotEndWith("...");
    }
}
