package io.mcpgateway.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpgateway.failure.FileFailures;

/**
 * Configuration problems and start failures as the gateway shows them over HTTP and in its log, where the file's
 * values must not appear: a problem message may quote the value it refuses (a Redis URL with its password, a YAML
 * line with a token), so only its first line is kept, up to the value, and user information in URLs is removed.
 */
public final class ShownProblems {

    private static final int MAX_CHARS = 300;
    private static final String QUOTED_VALUE = " but was ";
    /**
     * scheme:[//]user[:password]@ in any URL, even a malformed one ("redis:/:secret@host"), up to the last '@' of the
     * URL: passwords hold '/' and '@' unescaped (base64 ones often hold '/'), and stopping at the first cut them in
     * two, showing the rest. A path with an '@' is cut too: a few characters too many hidden, never one shown.
     */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*:/{0,2})[^\\s'\"]*@");

    private static final Pattern SCHEME = Pattern.compile("(?i)\\s*[a-z][a-z0-9+.-]*:/{1,2}");

    private ShownProblems() {
    }

    public static List<String> of(List<String> problems) {
        return problems.stream().map(ShownProblems::of).toList();
    }

    public static String of(String problem) {
        String shown = problem.lines().findFirst().orElse("").strip();
        int value = shown.indexOf(QUOTED_VALUE);
        if (value >= 0) {
            shown = shown.substring(0, value);
        }
        shown = withoutUserInfo(shown);
        return shown.length() <= MAX_CHARS ? shown : shown.substring(0, MAX_CHARS) + "...";
    }

    /**
     * {@code url}, a value meant as one URL, without anything between its scheme and its last '@': a URL refused as
     * malformed may hold spaces or quotes in its password, which {@link #withoutUserInfo} takes for the end of a URL
     * in free text.
     */
    public static String urlWithoutUserInfo(String url) {
        int at = url == null ? -1 : url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null) { // a URL that parses as one: exactly its user information, if it has any
                String userInfo = uri.getRawUserInfo();
                int from = userInfo == null ? -1 : url.indexOf(userInfo + "@");
                return from < 0 ? url : url.substring(0, from) + url.substring(from + userInfo.length() + 1);
            }
        } catch (URISyntaxException e) {
            // malformed: cut as far as its last '@'
        }
        Matcher scheme = SCHEME.matcher(url);
        return (scheme.lookingAt() ? scheme.group() : "") + url.substring(at + 1);
    }

    /** {@code text} with the user information (user:password@) of every URL in it removed. */
    public static String withoutUserInfo(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
    }

    /**
     * A failure's own words along its chain of causes ("Failed to bind to 127.0.0.1:8080: Address already in use"),
     * without class names or the messages of wrappers that repeat their cause, shown as {@link #of(String)} shows.
     */
    public static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t instanceof java.nio.file.FileSystemException file ? FileFailures.describe(file)
                    : t.getMessage();
            boolean wrapper = t.getCause() != null && t.getCause().toString().equals(message);
            if (message != null && !wrapper && reason.indexOf(message) < 0) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        return reason.isEmpty() ? "the start failed" : of(reason.toString());
    }
}
