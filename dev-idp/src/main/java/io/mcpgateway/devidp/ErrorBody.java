package io.mcpgateway.devidp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every error this issuer answers: the RFC 6749 §5.2 shape, also for 404, 405, 413 and 500. */
record ErrorBody(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {
}
