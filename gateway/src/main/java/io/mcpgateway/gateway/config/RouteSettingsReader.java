package io.mcpgateway.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads {@code routes} (the original system's restaurant routes when the file has none) against the backends. */
final class RouteSettingsReader {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private RouteSettingsReader() {
    }

    /** The routes; null when one of them is broken and {@code problems} collects (each entry is checked). */
    static List<RouteSettings> read(SettingsReader root, List<BackendSettings> backends,
            ConfigProblems problems) {
        List<SettingsReader> configured = root.children("routes");
        List<RouteSettings> routes = new ArrayList<>();
        if (configured == null) {
            List<String> missing = missingDefaultBackends(backends);
            if (!missing.isEmpty()) { // one problem for the five routes, saying what to write
                problems.read(() -> {
                    throw new ConfigException("routes is not given, so the restaurant routes apply, and they call "
                            + "backend(s) " + missing + ", which are not configured (" + backends.stream()
                            .map(BackendSettings::name).toList() + "): give routes of your own, or 'routes: []' for"
                            + " none (every backend's tools are still served on /mcp)");
                });
                return null;
            }
            routes.addAll(RouteSettings.restaurantDefaults());
        } else {
            for (SettingsReader r : configured) {
                routes.add(problems.read(() -> {
                    r.onlyKeys(Set.of("method", "path", "backend", "tool", "required_scopes"));
                    return new RouteSettings(r.string("method", "POST").toUpperCase(Locale.ROOT),
                            r.string("path", null), r.string("backend", null), r.string("tool", null),
                            ConfigValues.scopes(r.name("required_scopes"), r.strings("required_scopes", List.of())));
                }));
            }
        }
        Set<String> seen = new HashSet<>();
        boolean broken = false;
        for (int i = 0; i < routes.size(); i++) {
            RouteSettings route = routes.get(i);
            String at = "routes[" + i + "]";
            broken |= route == null || problems.read(() -> check(route, at, backends, seen)) == null;
        }
        return broken ? null : routes.stream().map(route -> withBackendScopes(route, backends)).toList();
    }

    /** The backends the default routes call that are not configured, in their order. */
    private static List<String> missingDefaultBackends(List<BackendSettings> backends) {
        return RouteSettings.restaurantDefaults().stream().map(RouteSettings::backend).distinct()
                .filter(name -> backends.stream().noneMatch(b -> b.name().equals(name))).toList();
    }

    /** {@code route} itself, when it is well formed, names a backend there is and is not there twice. */
    private static RouteSettings check(RouteSettings route, String at, List<BackendSettings> backends,
            Set<String> seen) {
        if (!METHODS.contains(route.method())) {
            throw new ConfigException(at + ".method must be one of " + METHODS + " but was " + route.method());
        }
        if (route.path() == null || !route.path().matches("/[A-Za-z0-9/_.-]*")) {
            throw new ConfigException(at + ".path must be a plain path starting with '/' but was " + route.path());
        }
        if (route.tool() == null || route.tool().isBlank()) {
            throw new ConfigException(at + ".tool is required");
        }
        if (backends.stream().noneMatch(b -> b.name().equals(route.backend()))) {
            throw new ConfigException(at + ".backend '" + route.backend() + "' is not one of the configured"
                    + " backends " + backends.stream().map(BackendSettings::name).toList());
        }
        if (!seen.add(route.method() + " " + route.path())) {
            throw new ConfigException(at + ": " + route.method() + " " + route.path() + " is configured twice");
        }
        return route;
    }

    /** A route needs its backend's scopes too, so REST and {@code /mcp} ask the same of a caller. */
    private static RouteSettings withBackendScopes(RouteSettings route, List<BackendSettings> backends) {
        List<String> backendScopes = backends.stream().filter(b -> b.name().equals(route.backend())).findFirst()
                .map(BackendSettings::requiredScopes).orElse(List.of());
        if (backendScopes.isEmpty()) {
            return route;
        }
        LinkedHashSet<String> scopes = new LinkedHashSet<>(route.requiredScopes());
        scopes.addAll(backendScopes);
        return new RouteSettings(route.method(), route.path(), route.backend(), route.tool(), List.copyOf(scopes));
    }
}
