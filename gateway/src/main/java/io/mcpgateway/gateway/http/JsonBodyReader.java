package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.BadMessageException;

import io.javalin.http.Context;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.json.Json;
import io.mcpgateway.json.NestingDepth;
import io.mcpgateway.json.UnwritableValues;
import io.mcpgateway.text.StrictUtf8;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body as a JSON object, refusing what is not one with the right status: 415 for another media
 * type or a content coding, 413 past the size limit (counted while reading, so a lying Content-Length cannot get
 * around it), 400 for a body cut short, for malformed JSON or UTF-8, for JSON that is not an object or holds values
 * JSON cannot carry back out ({@link UnwritableValues}), 408 for a body that stopped arriving.
 */
public final class JsonBodyReader {

    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\s*\\(start marker at \\[Source:[^]]*]\\)|\\s*at \\[Source:[^]]*]"
                    + "|,\\s*from `?StreamReadConstraints\\.\\w+\\(\\)`?"
                    // the character's code beside the character itself: "('d' (code 100))"
                    + "|\\s*\\(code \\d+\\)(?=\\))");
    /**
     * The parser's advice on its own settings ("enable `JsonReadFeature.X` to allow", "not recognized as one since
     * Feature 'ALLOW_COMMENTS' not enabled"): not the client's business.
     */
    private static final Pattern PARSER_ADVICE = Pattern.compile(":\\s*enable `[\\w.]+` to allow$"
            + "|\\s*\\(not recognized as one since Feature '\\w+' not enabled for parser\\)");

    /** The deepest a REST body may nest: see {@link #readArguments}. */
    static final int ARGUMENTS_MAX_DEPTH = Json.MAX_NESTING_DEPTH - 2;

    private final JsonMapper mapper;
    /**
     * Refuses a member named twice: which one counts differs between parsers, and the gateway checks what a backend
     * may read otherwise.
     */
    private final ObjectReader reader;
    private final int maxBytes;

    public JsonBodyReader(JsonMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.reader = mapper.readerFor(Object.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxBytes = maxBytes;
    }

    /** The mapper bodies are read with, and answers written with ({@link JsonResponses}). */
    public JsonMapper mapper() {
        return mapper;
    }

    /** The largest body it reads, in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Reads a REST body. A body sent without any Content-Type is read as JSON, as the original's FastAPI routes read
     * one (clients such as Python's requests with {@code data=} send none); another media type is a 415.
     */
    public Map<String, Object> readObject(Context ctx) {
        Object value = readJson(ctx, true);
        if (!(value instanceof Map<?, ?>)) {
            throw GatewayException.Validation.of("Request body must be a JSON object");
        }
        requireWritable(value);
        @SuppressWarnings("unchecked") // Jackson reads a JSON object as a map with string keys
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /**
     * Reads a REST body that becomes a tool call's arguments, as {@link #readObject}, nested at most
     * {@value #ARGUMENTS_MAX_DEPTH} levels: the arguments sit two levels down in the JSON-RPC message the backend reads
     * ({@code params.arguments}), where the parsers' limit is the same; a body deeper would pass here and be refused
     * by the backend as a whole.
     */
    public Map<String, Object> readArguments(Context ctx) {
        Map<String, Object> body = readObject(ctx);
        if (NestingDepth.exceeds(body, ARGUMENTS_MAX_DEPTH)) {
            throw new GatewayException.Validation("MALFORMED_JSON", "Request body nests deeper than "
                    + ARGUMENTS_MAX_DEPTH + " levels: its members become a tool call's arguments, two levels down in"
                    + " the message to the backend, where " + Json.MAX_NESTING_DEPTH + " is the limit", Map.of());
        }
        return body;
    }

    /**
     * Reads a body that is a JSON object or a JSON array (a JSON-RPC message or a batch of them), with the checks of
     * {@link #readObject}; anything else is refused as there.
     */
    public Object readObjectOrArray(Context ctx) {
        Object value = readJson(ctx, false);
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            throw GatewayException.Validation.of("Request body must be a JSON object or array");
        }
        requireWritable(value);
        return value;
    }

    /** @param absentTypeIsJson whether a body without a Content-Type is read as JSON (REST) or refused (MCP) */
    private Object readJson(Context ctx, boolean absentTypeIsJson) {
        // the header as sent: Jetty's getContentType throws for a charset it does not know (the body is read as UTF-8)
        if (HeaderLines.isRepeated(ctx, "Content-Type")) {
            // two types, which is none: parsers in front of the gateway or behind it might each read another
            throw new GatewayException.UnsupportedMediaType(HeaderLines.joined(ctx, "Content-Type"));
        }
        String contentType = ctx.header("Content-Type");
        if (contentType != null || !absentTypeIsJson) {
            requireJson(contentType);
        }
        byte[] body = readWithinLimits(ctx);
        if (isBlank(body)) {
            throw new GatewayException.Validation("MALFORMED_JSON", "Request body is empty: a JSON object is expected",
                    Map.of());
        }
        if (!StrictUtf8.isJsonText(body)) {
            throw new GatewayException.Validation("MALFORMED_JSON",
                    "Request body is not UTF-8 JSON text: it must be valid UTF-8 without raw NUL bytes (JSON writes"
                    + " one as \\u0000)", Map.of());
        }
        Object value;
        try {
            value = reader.readValue(body);
        } catch (MismatchedInputException e) {
            String message = e.getOriginalMessage();
            throw malformed(message != null && message.startsWith("Trailing token")
                    ? "Request body has more after its JSON value"
                    : "Request body is not valid JSON: no JSON value in it", e);
        } catch (JacksonException e) {
            throw malformed(startsWithWholeValue(body) ? "Request body has more after its JSON value"
                    : "Request body is not valid JSON: " + withoutSourceLocation(e.getOriginalMessage()), e);
        }
        return value;
    }

    /**
     * Whether the body begins with a whole JSON value (so that what the parser refused comes after it, as in
     * {@code {"a": 1} x}, where it would name the stray token only). Read with the same checks, duplicates included.
     */
    private boolean startsWithWholeValue(byte[] body) {
        try (JsonParser parser = reader.createParser(body)) {
            parser.nextToken();
            parser.skipChildren();
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static void requireWritable(Object value) {
        String unwritable = UnwritableValues.find(value);
        if (unwritable != null) {
            throw new GatewayException.Validation("MALFORMED_JSON", "Request body has a value JSON cannot carry: "
                    + unwritable, Map.of());
        }
    }

    /**
     * Reads and drops the body of a route that takes none ({@code POST /config/reload}, the tool-list refresh), with
     * the checks every body gets: a content coding is refused (415) and one over the size limit too (413), so such a
     * route does not answer 200 to what every other route refuses. Any media type, and an empty body, pass.
     */
    public void dropUnused(Context ctx) {
        readWithinLimits(ctx);
    }

    /** The body, with no content coding (415) and within the size limit (413), whatever its media type. */
    private byte[] readWithinLimits(Context ctx) {
        requireNoCoding(HeaderLines.joined(ctx, "Content-Encoding"), HeaderLines.joined(ctx, "Transfer-Encoding"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new GatewayException.PayloadTooLarge(maxBytes);
        }
        return readLimited(ctx, declared);
    }

    /**
     * The parser's message without the source locations some of its messages embed ("start marker at [Source: ...;
     * line: 1, column: 1]"), the names of the parser's limits ("from StreamReadConstraints.getMaxNestingDepth()")
     * and a character's code beside it: parser internals to a client, and the line and column are in the details.
     */
    static String withoutSourceLocation(String message) {
        if (message == null) {
            return "";
        }
        String located = SOURCE_LOCATION.matcher(message).replaceAll("").strip();
        return PARSER_ADVICE.matcher(located).replaceAll("");
    }

    /** The refusal of malformed JSON, with where the parser stopped when it knows (not for a limit such as depth). */
    private static GatewayException.Validation malformed(String message, JacksonException e) {
        var at = e.getLocation();
        boolean located = at != null && at.getLineNr() > 0;
        return new GatewayException.Validation("MALFORMED_JSON", message, located
                ? Map.of("line", at.getLineNr(), "column", at.getColumnNr()) : Map.of());
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The gateway decodes no content coding, and no transfer coding but chunked (which the server undoes): a coded
     * body would be read as garbage, or an uncoded one mislabelled.
     */
    private static void requireNoCoding(String contentCoding, String transferCoding) {
        if (contentCoding != null && !contentCoding.isBlank() && !contentCoding.strip().equalsIgnoreCase("identity")) {
            throw GatewayException.UnsupportedMediaType.coding("Content-Encoding", contentCoding.strip());
        }
        if (transferCoding != null && !transferCoding.strip().equalsIgnoreCase("chunked")) {
            throw GatewayException.UnsupportedMediaType.coding("Transfer-Encoding", transferCoding.strip());
        }
    }

    private static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new GatewayException.UnsupportedMediaType(contentType);
        }
    }

    /**
     * The body, read in one piece of its declared length when it has one (the server stops a body at its
     * Content-Length): reading up to the limit instead zeroed a 16 KB buffer and asked for more after the end on every
     * request (perf profile of bench/gateway.sh, about 1.5% of the REST route's CPU).
     */
    private byte[] readLimited(Context ctx, long declared) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(declared >= 0 ? (int) declared : maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new GatewayException.PayloadTooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            // The client's doing: a body cut short (it went away, or its chunked framing was wrong) or stalled.
            throw timedOut(e) ? new GatewayException.RequestTimeout() : new GatewayException.Validation(
                    "INCOMPLETE_BODY", "The request body could not be read: it ended early or its chunked encoding"
                    + " is malformed", Map.of());
        } catch (BadMessageException e) {
            // the server's refusal of a body arriving slower than its minimum data rate (a trickle)
            if (e.getCode() == 408) {
                throw GatewayException.RequestTimeout.tooSlow();
            }
            throw e;
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
