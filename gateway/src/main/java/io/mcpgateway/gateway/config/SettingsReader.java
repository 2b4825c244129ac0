package io.mcpgateway.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mcpgateway.text.EditDistance;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed settings from one object of the configuration tree, naming the full setting path in every error and
 * refusing keys it does not know (with the closest known key as a suggestion: a typo must not silently fall back to a
 * default).
 */
final class SettingsReader {

    private final JsonNode node;
    private final String path;

    SettingsReader(JsonNode node, String path) {
        this.node = node == null || node.isMissingNode() || node.isNull() ? null : node;
        this.path = path;
        if (this.node != null && !this.node.isObject()) {
            throw new ConfigException(path.isEmpty() ? "the configuration file must be a mapping of settings (key:"
                    + " value lines, as config/gateway.yaml), not " + (node.isArray() ? "a list" : "a single value")
                    : path + " must be a mapping of settings");
        }
    }

    /** Fails on the keys not in {@code known}, naming all of them: a file with two typos needs one run, not two. */
    SettingsReader onlyKeys(Set<String> known) {
        if (node == null) {
            return this;
        }
        List<String> unknown = new ArrayList<>();
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                unknown.add("'" + name(key) + "'" + EditDistance.closest(key, known, 3)
                        .map(closest -> " (did you mean '" + name(closest) + "'?)").orElse(""));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException((unknown.size() == 1 ? "unknown setting " : "unknown settings ")
                    + String.join(", ", unknown) + "; known settings here: "
                    + String.join(", ", known.stream().sorted().toList()));
        }
        return this;
    }

    /** The keys given here, in file order; empty when the mapping is absent. */
    List<String> keys() {
        return node == null ? List.of() : List.copyOf(node.propertyNames());
    }

    SettingsReader child(String key) {
        return new SettingsReader(node == null ? null : node.get(key), name(key));
    }

    List<SettingsReader> children(String key) {
        JsonNode list = node == null ? null : node.get(key);
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw new ConfigException(name(key) + " must be a list");
        }
        List<SettingsReader> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new SettingsReader(list.get(i), name(key) + "[" + i + "]"));
        }
        return items;
    }

    String string(String key, String fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw new ConfigException(name(key) + " must be a text value but was " + value);
        }
        return value.asString().strip();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(name(key) + " must be true or false but was " + value);
        }
        return value.booleanValue();
    }

    /** Whether this part of the configuration is absent. */
    boolean isEmpty() {
        return node == null || node.isEmpty();
    }

    int integer(String key, int fallback, int min, int max) {
        return (int) whole(key, fallback, min, max);
    }

    /** A whole number within the bounds; one too large for any number is out of them too, and said so. */
    long whole(String key, long fallback, long min, long max) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            throw new ConfigException(name(key) + " must be a whole number but was " + value);
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new ConfigException(name(key) + " must be between " + min + " and " + max + " but was " + value);
        }
        return value.longValue();
    }

    Duration millis(String key, Duration fallback, long min, long max) {
        return Duration.ofMillis(integer(key, (int) fallback.toMillis(), (int) min, (int) max));
    }

    Duration seconds(String key, Duration fallback, long min, long max) {
        return Duration.ofSeconds(integer(key, (int) fallback.toSeconds(), (int) min, (int) max));
    }

    List<String> strings(String key, List<String> fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        List<String> values = new ArrayList<>();
        if (value.isString()) {
            List<String> listed = ConfigValues.commaList(value.asString());
            if (listed.isEmpty()) {
                // an unset template value ("") must not read as "no scopes needed" or "no origins": say [] for none
                throw new ConfigException(name(key) + " must be a list of non-empty text values but was " + value
                        + " (write [] for none)");
            }
            return listed;
        }
        if (!value.isArray()) {
            throw new ConfigException(name(key) + " must be a list of text values but was " + value);
        }
        for (JsonNode item : value) {
            if (!item.isString() || item.asString().isBlank()) {
                throw new ConfigException(name(key) + " must be a list of non-empty text values but was " + value);
            }
            values.add(item.asString().strip());
        }
        return values;
    }

    String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    private JsonNode value(String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** An absolute http(s) URL, or a message naming the setting. */
    static URI httpUrl(String setting, String value) {
        String shown = ShownProblems.urlWithoutUserInfo(value);
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(setting + " must be an http(s) URL but was '" + shown + "'");
            }
            if (!validPort(uri.getPort())) {
                throw new ConfigException(setting + " must be an http(s) URL with a port from 1 to 65535 but was '"
                        + shown + "'");
            }
            if (uri.getRawUserInfo() != null) {
                // not repeated: it holds a password, which would then be shown wherever the URL is; and no client
                // here sends it (backends and token endpoints take credentials from their auth settings)
                throw new ConfigException(setting + " must not hold user information (a user name or password"
                        + " before the host); give credentials in the settings made for them");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(setting + " must be an http(s) URL but was '" + shown + "'");
        }
    }

    /**
     * An http(s) URL that others are appended to ({@code mcp_path}, {@code /.well-known/...}): no query and no
     * fragment, which would end up before the appended path. Not repeated: a query may hold a key.
     */
    static URI baseUrl(String setting, String value) {
        URI uri = httpUrl(setting, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(setting + " must not hold a query ('?...') or a fragment ('#...'): paths are"
                    + " appended to it; give credentials in the settings made for them");
        }
        return uri;
    }

    /** A URI's port: none given (-1), or one a socket can have. */
    static boolean validPort(int port) {
        return port == -1 || port >= 1 && port <= 65535;
    }
}
