package io.mcpgateway.restaurant.catalog;

import static io.mcpgateway.text.LooseNames.compact;
import static io.mcpgateway.text.LooseNames.folded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.mcpgateway.text.EditDistance;
import io.mcpgateway.text.LooseNames;

/**
 * Turns the district names people type into catalog districts (REFERENCE-SPEC §2.3 and §7.9 fixed).
 *
 * <p>Matching ignores case, spaces, hyphens and punctuation ({@code "mong kok"}, {@code "MONGKOK"} and
 * {@code " Mong  Kok "} are all Mong Kok), accepts a name without its {@code district} suffix ({@code "Central"} is
 * Central district) and the other names people use ({@link DistrictAliases}: "CWB", "Lan Kwai Fong", "銅鑼灣"). A
 * name that matches nothing gets the closest real name as a suggestion when one is near enough to be a likely typo;
 * one that names a region ({@code "Kowloon"}, {@code "Hong Kong"}) is reported as such.
 */
public final class DistrictNameResolver {

    private static final String DISTRICT_SUFFIX = "district";

    private final DistrictCatalog catalog;
    private final Map<String, District> byCompactName;

    public DistrictNameResolver(DistrictCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Map<String, District> index = new HashMap<>();
        for (District district : catalog.districts()) {
            String compact = compact(district.name());
            index.putIfAbsent(compact, district);
            index.putIfAbsent(withoutSuffix(compact), district);
        }
        // after the names: an alias never hides a district's own name
        DistrictAliases.all().forEach((alias, name) -> catalog.byExactName(name)
                .ifPresent(d -> index.putIfAbsent(compact(alias), d)));
        this.byCompactName = Map.copyOf(index);
    }

    /** The district a single name means, if any. */
    public Optional<District> resolve(String name) {
        if (name == null || LooseNames.hasControl(name)) {
            return Optional.empty();
        }
        String compact = compact(name);
        District district = byCompactName.get(compact);
        // "Sheung Wan District": a suffix on a name that has none in the catalog
        return Optional.ofNullable(district != null ? district : byCompactName.get(withoutSuffix(compact)));
    }

    /** Resolves every name; duplicates (after resolution) keep their first position. */
    public DistrictResolution resolveAll(List<String> names) {
        Set<District> resolved = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        Map<String, String> suggestions = new LinkedHashMap<>();
        Map<String, String> regions = new LinkedHashMap<>();
        for (String name : names) {
            Optional<District> district = resolve(name);
            if (district.isPresent()) {
                resolved.add(district.get());
            } else {
                invalid.add(name); // each as given, repeated ones too, as the original lists them
                region(name).ifPresentOrElse(r -> regions.put(name, r.name()),
                        () -> closestName(name).ifPresent(s -> suggestions.put(name, s)));
            }
        }
        return new DistrictResolution(new ArrayList<>(resolved), invalid, suggestions, regions);
    }

    /**
     * The region a name that is no district means: its name in any spelling, or the start of it ({@code "Hong Kong"}
     * for Hong Kong Island) from four letters on, with or without a {@code district} suffix.
     */
    public Optional<Region> region(String name) {
        String wanted = withoutSuffix(compact(name));
        return catalog.regions().stream()
                .filter(r -> compact(r.name()).equals(wanted)
                        || wanted.length() >= 4 && compact(r.name()).startsWith(wanted))
                .findFirst();
    }

    /** A compact name without its {@code district} suffix; unchanged when it has none or is nothing else. */
    private static String withoutSuffix(String compact) {
        return compact.endsWith(DISTRICT_SUFFIX) && compact.length() > DISTRICT_SUFFIX.length()
                ? compact.substring(0, compact.length() - DISTRICT_SUFFIX.length()) : compact;
    }

    /**
     * The catalog name {@code name} most likely means: the district whose initials it is ({@code "TKO"} for Tseung
     * Kwan O), else the one whose name it begins from three letters on ({@code "Causeway"}), else the one whose whole
     * name its first words are ({@code "Sai Kung Town"}, {@code "Mongkok East"}), else the nearest name when the
     * difference looks like a slip of the keyboard ({@link EditDistance#isSlip}). Initials or a beginning that several
     * districts share suggest none, not even a typo's: an agent would follow a wrong suggestion ({@code "ST"} is Sha
     * Tin and Sam Tseng, not Tsim Sha Tsui's "TST").
     */
    public Optional<String> closestName(String name) {
        String wanted = withoutSuffix(compact(name)); // the index has every name without its suffix too
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        List<String> byInitials = fitting(d -> wanted.length() >= 2 && wanted.equals(initials(d.name())));
        List<String> byBeginning = fitting(d -> wanted.length() >= 3 && compact(d.name()).startsWith(wanted));
        List<String> named = !byInitials.isEmpty() ? byInitials : byBeginning;
        if (!named.isEmpty()) {
            return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
        }
        return namedByFirstWords(name).or(() -> nearest(wanted));
    }

    /** The district whose whole name (or alias) the most of {@code name}'s first words spell, before more words. */
    private Optional<String> namedByFirstWords(String name) {
        String[] words = folded(name).split("[^\\p{L}\\p{N}]+");
        StringBuilder first = new StringBuilder();
        String found = null;
        for (int i = 0; i < words.length - 1; i++) {
            first.append(words[i]);
            District district = byCompactName.get(first.toString());
            if (district != null) {
                found = district.name();
            }
        }
        return Optional.ofNullable(found);
    }

    private List<String> fitting(Predicate<District> fits) {
        return catalog.districts().stream().filter(fits).map(District::name).distinct().toList();
    }

    private Optional<String> nearest(String wanted) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, District> entry : byCompactName.entrySet()) {
            // isSlip compares lengths first: no quadratic work for a long name (one character can fold into 18, so a
            // name within the length limit could take milliseconds per key)
            if (!EditDistance.isSlip(wanted, entry.getKey())) {
                continue;
            }
            int distance = EditDistance.between(wanted, entry.getKey());
            if (distance < bestDistance
                    || distance == bestDistance && best != null && isEarlier(entry.getValue().name(), best)) {
                bestDistance = distance;
                best = entry.getValue().name();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The first letters of a name's words but its {@code district} suffix ("tko"); null for a one-word name. */
    private static String initials(String name) {
        List<String> words = Arrays.stream(folded(name).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty() && !w.equals(DISTRICT_SUFFIX)).toList();
        if (words.size() < 2) {
            return null;
        }
        StringBuilder initials = new StringBuilder(words.size());
        words.forEach(w -> initials.appendCodePoint(w.codePointAt(0)));
        return initials.toString();
    }

    private boolean isEarlier(String candidate, String current) {
        List<String> names = catalog.names();
        return names.indexOf(candidate) < names.indexOf(current);
    }
}
