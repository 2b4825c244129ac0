package io.mcpgateway.restaurant.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Other names people use for the catalog's districts ({@code district-aliases.txt} beside this class): short forms
 * ("CWB"), neighbourhoods inside a district ("Lan Kwai Fong" is in Central) and the Chinese names, Traditional and
 * Simplified ("銅鑼灣", "铜锣湾"), which an agent asked in Chinese passes on as they are.
 */
final class DistrictAliases {

    private static final String RESOURCE = "district-aliases.txt";
    private static final Map<String, String> ALIASES = read();

    private DistrictAliases() {
    }

    /** Alias → the district's name as the catalog has it, in the file's order. */
    static Map<String, String> all() {
        return ALIASES;
    }

    private static Map<String, String> read() {
        try (InputStream in = DistrictAliases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, String> aliases = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                int equals = entry.indexOf('=');
                if (equals <= 0 || aliases.putIfAbsent(entry.substring(0, equals).strip(),
                        entry.substring(equals + 1).strip()) != null) {
                    throw new IllegalStateException(RESOURCE + ": not 'alias = district' or an alias named twice: "
                            + entry);
                }
            }
            return Collections.unmodifiableMap(aliases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
