package io.mcpgateway.gateway.toolmeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ToolSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schema pinning: the accepted definition hash of every backend tool, and which tools no longer match theirs. A tool
 * is pinned by the pins file when it names it, else at its first listing in this process. A tool that stops matching
 * its pin is logged and counted once per new definition or pin; with {@code hold_changed} the tool is not served
 * until an operator accepts it by writing its new hash to the pins file, which is read again whenever it changes.
 */
public final class ToolPins {

    private static final Logger log = LoggerFactory.getLogger(ToolPins.class);

    /** Where a tool stands against its pin. */
    public record PinState(String key, String currentHash, String pinnedHash, boolean fromFile, Instant changedAt,
            boolean held) {

        public boolean changed() {
            return !currentHash.equals(pinnedHash);
        }

        /** How {@code /tools/metadata} and {@code /tools/pins} show it. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", changed() ? "changed" : "pinned");
            json.put("definition_hash", currentHash);
            json.put("pinned_hash", pinnedHash);
            json.put("pinned_by", fromFile ? "pins_file" : "first_listing");
            json.put("changed_at", changedAt == null ? null : changedAt.toString());
            json.put("held", held);
            return json;
        }
    }

    private record Observed(BackendTool tool, PinState state) {
    }

    /** Far above the 1,000 tools one listing may hold ({@link ToolListing}): see {@link #forgetUnlisted}. */
    static final int MAX_REMEMBERED_PER_BACKEND = 10_000;

    private final ToolSettings settings;
    private final JsonMapper mapper;
    private final Clock clock;
    private final BiConsumer<String, String> onChange;
    private final BiConsumer<String, String> onFirstSeen;
    private final BiConsumer<String, String> onForgotten;
    private final Map<String, String> firstSeen = new ConcurrentHashMap<>();
    /** Each tool's state at its last listing, with the definition listed then. */
    private final Map<String, Observed> states = new ConcurrentHashMap<>();
    private volatile Map<String, String> filePins = Map.of();
    private volatile FileTime fileVersion;
    private final ReentrantLock readingFile = new ReentrantLock(); // file I/O on virtual threads: no synchronized

    /** @param onChange told (backend, tool) each time a tool's definition stops matching its pin */
    public ToolPins(ToolSettings settings, JsonMapper mapper, Clock clock, BiConsumer<String, String> onChange) {
        this(settings, mapper, clock, onChange, (backend, tool) -> { }, (backend, tool) -> { });
    }

    /**
     * @param onChange told (backend, tool) each time a tool's definition stops matching its pin
     * @param onFirstSeen told (backend, tool) when a tool is first observed, so a counter of its changes can start at 0
     * @param onForgotten told (backend, tool) when a tool's pin is forgotten ({@link #forgetUnlisted})
     */
    public ToolPins(ToolSettings settings, JsonMapper mapper, Clock clock, BiConsumer<String, String> onChange,
            BiConsumer<String, String> onFirstSeen, BiConsumer<String, String> onForgotten) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.onFirstSeen = Objects.requireNonNull(onFirstSeen, "onFirstSeen");
        this.onForgotten = Objects.requireNonNull(onForgotten, "onForgotten");
        reloadFileIfChanged();
        if (settings.pinsFile() != null && fileVersion == null) {
            throw new ConfigException("tools.pins_file: " + settings.pinsFile() + " is not a JSON object like"
                    + " {\"pins\": {\"backend/tool\": \"sha256:...\"}}");
        }
    }

    /**
     * The hash each tool had at its first listing, for a gateway that replaces this one on a reload: without it, a
     * tool whose definition changed would be pinned again at its new hash and served again.
     */
    public Map<String, String> firstSeen() {
        return Map.copyOf(firstSeen);
    }

    /** Takes the first-seen hashes of the gateway this one replaces (see {@link #firstSeen()}). */
    public void remember(Map<String, String> pins) {
        firstSeen.putAll(pins);
    }

    /** Pins that are never held and never read a file: every tool pinned at its first listing. */
    public static ToolPins inMemory(JsonMapper mapper, Clock clock) {
        return new ToolPins(ToolSettings.defaults(), mapper, clock, (backend, tool) -> { });
    }

    /**
     * Forgets the pins of {@code backend}'s tools that {@code listed} (its listing now) leaves out, once it has more
     * than {@value #MAX_REMEMBERED_PER_BACKEND} of them: a backend listing new names all the time (a broken or hostile
     * one) would otherwise grow the gateway's memory, and a counter per name in {@code /metrics/prometheus}, without
     * end. A tool forgotten and listed again is pinned afresh, so below that bound, the usual case by far, a tool that
     * goes away and comes back changed is still held.
     */
    void forgetUnlisted(String backend, Set<String> listed) {
        String prefix = key(backend, "");
        List<String> unlisted = new ArrayList<>();
        int remembered = 0;
        for (String key : firstSeen.keySet()) {
            if (key.startsWith(prefix)) {
                remembered++;
                if (!listed.contains(key.substring(prefix.length()))) {
                    unlisted.add(key);
                }
            }
        }
        if (remembered <= MAX_REMEMBERED_PER_BACKEND) {
            return;
        }
        unlisted.forEach(key -> {
            firstSeen.remove(key);
            states.remove(key);
            onForgotten.accept(backend, key.substring(prefix.length()));
        });
        log.warn("Backend '{}' has listed more than {} tool names since start-up: the pins of the {} it no longer"
                + " lists are forgotten (pinned afresh if listed again)", backend, MAX_REMEMBERED_PER_BACKEND,
                unlisted.size());
    }

    static String key(String backend, String tool) {
        return backend + "/" + tool;
    }

    /** Compares a tool as just listed with its pin and records where it stands. */
    PinState observe(BackendTool tool) {
        reloadFileIfChanged();
        String key = key(tool.backend(), tool.name());
        String hash = ToolFingerprint.of(tool.definition(), mapper);
        String filePin = filePins.get(key);
        String pinned = filePin != null ? filePin : firstSeen.computeIfAbsent(key, k -> hash);
        Observed last = states.get(key);
        PinState before = last == null ? null : last.state();
        if (before == null) {
            onFirstSeen.accept(tool.backend(), tool.name());
        }
        boolean changed = !hash.equals(pinned);
        Instant changedAt = !changed ? null
                : before != null && before.changed() && before.currentHash().equals(hash)
                        && before.pinnedHash().equals(pinned) ? before.changedAt()
                : clock.instant();
        PinState now = new PinState(key, hash, pinned, filePin != null, changedAt, changed && settings.holdChanged());
        states.put(key, new Observed(tool, now));
        // a new mismatch: a new definition, or a pins file edited to a hash the definition does not have
        boolean newMismatch = changed && (before == null || !before.changed() || !hash.equals(before.currentHash())
                || !pinned.equals(before.pinnedHash()));
        if (newMismatch) {
            log.warn("Tool '{}' of backend '{}' changed its definition: pinned {}, now {}{}", tool.name(),
                    tool.backend(), pinned, hash, now.held() ? "; held until its new hash is accepted in the pins file"
                            : "; still served (tools.hold_changed is off)");
            onChange.accept(tool.backend(), tool.name());
        } else if (!changed && before != null && before.changed()) {
            log.info("Tool '{}' of backend '{}' matches its pin {} again", tool.name(), tool.backend(), pinned);
        }
        return now;
    }

    /** Where the tool stood at its last listing; empty before its first. */
    public Optional<PinState> state(String backend, String tool) {
        return Optional.ofNullable(states.get(key(backend, tool))).map(Observed::state);
    }

    /**
     * Whether {@code tool}, as a listing holds it, is held. A listing being replaced is still read while the next
     * one is observed: its definition is then not the one the state was found for (a backend flapping between two
     * definitions, in a rolling deploy, say), and is judged against the pin itself, or the definition held would be
     * served for that moment, or the pinned one refused.
     */
    boolean isHeld(BackendTool tool) {
        Observed last = states.get(key(tool.backend(), tool.name()));
        if (last == null) {
            return false;
        }
        if (last.tool() == tool) { // the listing observed: nearly always
            return last.state().held();
        }
        return settings.holdChanged()
                && !ToolFingerprint.of(tool.definition(), mapper).equals(last.state().pinnedHash());
    }

    /** The current hash of every tool listed so far: the pins file that accepts them all as they are now. */
    public Map<String, String> currentHashes() {
        Map<String, String> hashes = new java.util.TreeMap<>();
        states.forEach((key, last) -> hashes.put(key, last.state().currentHash()));
        return hashes;
    }

    public Map<String, PinState> states() {
        Map<String, PinState> all = new java.util.TreeMap<>();
        states.forEach((key, last) -> all.put(key, last.state()));
        return all;
    }

    /**
     * Reads the pins file again when its modification time changed. One listing at a time: backends are listed on
     * threads of their own, and of two reads around an edit the older could otherwise be kept, with its version.
     */
    private void reloadFileIfChanged() {
        Path file = settings.pinsFile();
        if (file == null) {
            return;
        }
        readingFile.lock();
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (version.equals(fileVersion)) {
                return;
            }
            JsonNode root = mapper.readTree(Files.readString(file));
            // The file may be GET /tools/pins saved as it is (its envelope included) or just {"pins": {...}}.
            JsonNode pins = (root.has("data") ? root.path("data") : root).path("pins");
            if (!pins.isObject()) {
                throw new IOException("it has no \"pins\" object");
            }
            Map<String, String> read = new LinkedHashMap<>();
            pins.properties().forEach(e -> read.put(e.getKey(), e.getValue().asString("")));
            filePins = Map.copyOf(read);
            fileVersion = version;
            log.info("Read {} tool pins from {}", read.size(), file);
        } catch (IOException | JacksonException e) {
            log.warn("Cannot read the tool pins file {}: {}; keeping the pins read before", file, e.getMessage());
        } finally {
            readingFile.unlock();
        }
    }
}
