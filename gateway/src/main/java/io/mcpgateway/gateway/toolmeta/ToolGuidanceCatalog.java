package io.mcpgateway.gateway.toolmeta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.mcpgateway.gateway.config.ConfigException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guidance for tools, by tool name, read from JSON documents at start-up (format: {@link ToolGuidanceFile}). The
 * bundled document covers the five restaurant tools; guidance for other backends' tools is another document, so
 * adding it needs no code. A tool without guidance is still listed, just without the extra prose.
 */
public final class ToolGuidanceCatalog {

    /** The bundled guidance for the restaurant tools, on the class path of the gateway jar. */
    public static final String BUNDLED_RESOURCE = "tool-guidance/restaurants.json";

    /** Names guidance can be given for: the characters and length MCP allows in a tool name. */
    static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Map<String, ToolGuidance> byTool;

    public ToolGuidanceCatalog(Map<String, ToolGuidance> byTool) {
        this.byTool = Map.copyOf(byTool);
    }

    public static ToolGuidanceCatalog empty() {
        return new ToolGuidanceCatalog(Map.of());
    }

    /** The guidance shipped in the gateway jar; a broken resource stops start-up with a {@link ConfigException}. */
    public static ToolGuidanceCatalog bundled(JsonMapper mapper) {
        try (InputStream in = ToolGuidanceCatalog.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("Tool guidance resource '" + BUNDLED_RESOURCE + "' is not on the class path");
            }
            return read(mapper, "resource '" + BUNDLED_RESOURCE + "'", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Guidance from a file an operator wrote. */
    public static ToolGuidanceCatalog fromFile(JsonMapper mapper, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(mapper, "file '" + file + "'", in);
        } catch (IOException e) {
            throw new ConfigException("Tool guidance file '" + file + "' cannot be read: " + e.getMessage());
        }
    }

    /** Guidance from one JSON document; {@code source} names it in error messages. */
    public static ToolGuidanceCatalog read(JsonMapper mapper, String source, InputStream document) {
        return new ToolGuidanceCatalog(new ToolGuidanceReader(mapper).read(source, document));
    }

    /** This guidance and that of another catalog; a tool may be described by only one of them. */
    public ToolGuidanceCatalog with(ToolGuidanceCatalog more) {
        Map<String, ToolGuidance> merged = new LinkedHashMap<>(byTool);
        more.byTool.forEach((tool, guidance) -> {
            if (merged.putIfAbsent(tool, guidance) != null) {
                throw new ConfigException("Tool guidance for '" + tool + "' is given twice");
            }
        });
        return new ToolGuidanceCatalog(merged);
    }

    public Optional<ToolGuidance> find(String tool) {
        return Optional.ofNullable(byTool.get(Objects.requireNonNull(tool, "tool")));
    }

    /** The tools this catalog has guidance for. */
    public Set<String> tools() {
        return byTool.keySet();
    }
}
