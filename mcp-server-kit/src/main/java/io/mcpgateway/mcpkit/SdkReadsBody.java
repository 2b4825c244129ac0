package io.mcpgateway.mcpkit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether the SDK's transport would read a request's body: a POST labelled JSON, accepting JSON and event streams (its
 * Host and Origin passed {@link HostAndOriginFilter}, ahead of the filters that ask). The filters that read a body
 * before the SDK do so only then, so a request the SDK refuses for its headers is refused as soon as they arrive, its
 * body not waited for.
 */
final class SdkReadsBody {

    private SdkReadsBody() {
    }

    static boolean test(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !isJsonMediaType(request.getContentType())) {
            return false; // the SDK refuses a body labelled otherwise (415)
        }
        return acceptsJsonAndEventStreams(request.getHeader("Accept"));
    }

    /** Whether {@code accept} (null: none sent) lists both media types the SDK requires of a POST. */
    static boolean acceptsJsonAndEventStreams(String accept) {
        return accept != null && accept.contains("application/json") && accept.contains("text/event-stream");
    }

    /** {@code application/json}, in any case, with or without parameters (a charset). */
    private static boolean isJsonMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip()
                .equalsIgnoreCase("application/json");
    }
}
