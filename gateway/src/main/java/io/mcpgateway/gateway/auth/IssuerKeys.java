package io.mcpgateway.gateway.auth;

import static io.mcpgateway.gateway.auth.IssuerDocuments.HTTP_TIMEOUT_MS;
import static io.mcpgateway.gateway.auth.IssuerDocuments.MAX_BYTES;
import static io.mcpgateway.gateway.auth.IssuerDocuments.why;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import io.mcpgateway.gateway.config.AuthSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issuer's signing keys. The key set's URL comes from the configuration or, by default, from the issuer's OIDC
 * discovery document, fetched on first use (so the gateway starts while the identity provider is still down) and
 * retried at most every few seconds until it succeeds. The key set itself is cached for the configured time and
 * re-fetched when a token names an unknown key id, at most once per the configured interval (key rotation without a
 * restart, without letting forged kids hammer the provider), and replaced by the set {@link #probe} reads when that
 * has other key ids.
 */
public final class IssuerKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);
    private static final JWKSelector ALL_KEYS = new JWKSelector(new JWKMatcher.Builder().build());
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);
    /** How often a key set that could be fetched is checked again by {@link #probe}. */
    static final Duration REACHABILITY_CHECK = Duration.ofMinutes(1);

    private final AuthSettings settings;
    private final HttpClient http;
    private final JsonMapper mapper;
    private final Clock clock;
    private final ReentrantLock discovering = new ReentrantLock();
    private volatile JWKSetBasedJWKSource<SecurityContext> keys;
    /** The key ids of the key set as last fetched; null before the first fetch. */
    private final AtomicReference<Set<String>> publishedKeyIds = new AtomicReference<>();
    /**
     * Makes reading the cached set and noting its ids one step against installing a set and noting its: a
     * verification that read the set before a rotation's install and noted it after would bring the withdrawn key's
     * id back, and tokens it signed, verified before, would pass from the verified-token cache again.
     */
    private final ReentrantLock publishing = new ReentrantLock();
    private volatile boolean everFetched;
    private final LatestOutcome fetches = new LatestOutcome();
    private volatile URI jwksUri;
    /** When the last discovery ended: a failure answers the calls of {@link #DISCOVERY_RETRY} after it. */
    private Instant lastDiscoveryEnded = Instant.MIN;
    /** What the last discovery's failure logged; null after a success (both under the discovery's lock). */
    private String lastDiscoveryFailure;
    /** Why the last discovery's document named another issuer; null when it did not. */
    private volatile String misnamed;
    private volatile Instant lastReachabilityCheck = Instant.MIN;

    public IssuerKeys(AuthSettings settings, HttpClient http, JsonMapper mapper, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether the keys can be fetched, for {@code /health}: {@code everFetched} false with a {@code lastError} means
     * no token can be verified at all; true with one, that tokens verified before still pass (their verdicts are
     * kept) but new ones cannot be checked until the issuer answers again.
     */
    public record Status(String issuer, boolean everFetched, String lastError) {

        public static final String FETCHED = "fetched";
        public static final String NOT_FETCHED_YET = "not_fetched_yet";
        public static final String UNREACHABLE = "unreachable";
        /** Every value of {@link #keys}. */
        public static final List<String> KEY_STATES = List.of(FETCHED, NOT_FETCHED_YET, UNREACHABLE);

        public boolean unreachable() {
            return lastError != null;
        }

        /** The keys' state in one word, as {@code /health} and {@code /metrics/prometheus} name it. */
        public String keys() {
            return unreachable() ? UNREACHABLE : everFetched ? FETCHED : NOT_FETCHED_YET;
        }
    }

    /**
     * The keys {@code selector} picks, from the cached key set or fetched. What it learns of the issuer goes to
     * {@link #status}: a failure (a fetch was tried), and the first success; later successes are mostly answers from
     * the cache, which say nothing of the issuer now, so {@link #probe} tells when an issuer found down is back.
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long attempt = fetches.begin();
        try {
            List<JWK> found = source().get(selector, context);
            if (!found.isEmpty()) { // an empty selection made the source refresh; asked again, it would again
                publishing.lock();
                try {
                    notePublished(source().get(ALL_KEYS, context)); // the set the selection was made from, as cached
                } finally {
                    publishing.unlock();
                }
            }
            if (!everFetched) {
                everFetched = true;
                fetches.end(attempt, null);
            }
            return found;
        } catch (RateLimitReachedException e) {
            // a refresh for an unknown key id refused as too soon, which says nothing of the issuer. After a fetch
            // that succeeded the key is unknown; after one that failed the issuer may publish it: not the caller's
            // fault
            String failure = fetches.error();
            if (failure == null) {
                throw e;
            }
            throw new KeySourceException("the token's key id is not in the cached key set, and the key set could not"
                    + " be fetched when last tried: " + failure, e);
        } catch (KeySourceException e) {
            fetches.end(attempt, e.getMessage());
            throw e;
        }
    }

    /**
     * Whether the issuer's key set, as last fetched, has a key with this id (true before any fetch): a token verified
     * with a key since withdrawn is not trusted from the verified-token cache any longer.
     */
    public boolean publishes(String keyId) {
        Set<String> published = publishedKeyIds.get();
        return published == null || published.contains(keyId);
    }

    private static Set<String> keyIds(List<JWK> all) {
        return all.stream().map(JWK::getKeyID).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    private void notePublished(List<JWK> all) {
        Set<String> ids = keyIds(all);
        if (ids.equals(publishedKeyIds.get())) {
            return;
        }
        // swapped, so that of the verifications meeting a new key set at once only one says so
        Set<String> before = publishedKeyIds.getAndSet(ids);
        if (before != null && !before.equals(ids)) {
            log.info("The issuer's key set changed: key ids {} (before: {}); tokens signed with a key no longer"
                    + " published are refused", new TreeSet<>(ids), new TreeSet<>(before));
        }
    }

    /**
     * Goes on with {@code before}'s key set when both have the same settings: a gateway replacing another on a reload
     * then needs no fetch to verify tokens, so the configuration can be changed while the identity provider is out of
     * reach, as long as the keys the replaced gateway holds serve. The key set is read from its URL by the library,
     * not through the replaced gateway's HTTP client, which closes with it.
     */
    public void continueFrom(IssuerKeys before) {
        if (!before.settings.equals(settings) || before.keys == null) {
            return;
        }
        discovering.lock();
        try {
            jwksUri = before.jwksUri;
            publishedKeyIds.set(before.publishedKeyIds.get());
            everFetched = before.everFetched;
            keys = before.keys;
        } finally {
            discovering.unlock();
        }
        // what is known of the issuer goes on too: an outage stays in /health, and no extra check is made at once
        String failure = before.fetches.error();
        if (failure != null) {
            fetches.end(fetches.begin(), failure);
        }
        lastReachabilityCheck = before.lastReachabilityCheck;
    }

    public Status status() {
        return new Status(settings.issuer(), everFetched, fetches.error());
    }

    /**
     * Run with each round of backend probes, so that {@code /health} tells how the issuer is before callers find out:
     * fetches the keys if they never were (an issuer out of reach since start-up shows before the first caller finds
     * every token refused); afterwards checks that the key set can still be fetched, once a {@link
     * #REACHABILITY_CHECK} while it can, every round while it cannot (so that the issuer's return shows at once, not
     * at the next token that needs a fetch). A key set read with other key ids than the one tokens are verified with
     * replaces it, as does one read when the issuer is back after a failure.
     */
    public void probe() {
        if (!everFetched) {
            try {
                load();
            } catch (IllegalStateException e) {
                log.debug("The issuer's keys cannot be fetched yet: {}", e.getMessage());
            }
            return;
        }
        URI uri = jwksUri;
        boolean failing = fetches.error() != null;
        Instant now = clock.instant();
        if (uri == null || !failing && now.isBefore(lastReachabilityCheck.plus(REACHABILITY_CHECK))) {
            return;
        }
        lastReachabilityCheck = now;
        long attempt = fetches.begin();
        JWKSet read = null;
        String problem = null;
        try {
            read = IssuerDocuments.readKeySet(http, uri);
        } catch (KeySourceException e) {
            problem = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: nothing learnt
            return;
        }
        fetches.end(attempt, problem);
        if (read != null && (failing || !keyIds(read.getKeys()).equals(publishedKeyIds.get()))) {
            // A rotation: tokens of the new key pass at once, not when the throttle on refreshes for unknown key
            // ids next lets one through, and tokens of a withdrawn key stop passing. The issuer back after a failure:
            // the set read replaces one that may have expired meanwhile, and is the refresh at once that a token
            // with an unknown key id would otherwise need, so the throttle lets none through early.
            install(read);
        }
        if (problem != null && !failing) {
            log.warn("The issuer's key set cannot be fetched: {}; tokens signed with the keys fetched before are"
                    + " still verified", problem);
        } else if (problem == null && failing) {
            log.info("The issuer's key set {} can be fetched again", uri);
        }
    }

    /** Verifies tokens with {@code read} from now on. */
    private void install(JWKSet read) {
        publishing.lock();
        try {
            InstallableJWKSetSource.install(keys.getJWKSetSource(), read);
            notePublished(read.getKeys());
        } catch (KeySourceException e) {
            // a fetch for a token held the cache past its timeout: it puts as fresh a set there
            log.debug("The key set read was not installed: {}", e.getMessage());
        } finally {
            publishing.unlock();
        }
    }

    /**
     * Fetches the key set now rather than at the first token, so that a gateway replacing another on a reload is not
     * switched on unable to verify tokens.
     *
     * @throws IllegalStateException saying why, when no key can be fetched
     */
    public void load() {
        try {
            if (get(new JWKSelector(new JWKMatcher.Builder().build()), null).isEmpty()) {
                throw new IllegalStateException("the issuer's key set " + jwksUri + " holds no key");
            }
        } catch (KeySourceException e) {
            throw new IllegalStateException("cannot fetch the issuer's keys: " + e.getMessage(), e);
        }
    }

    /**
     * Why the configured issuer is not the issuer's own name, when its discovery document, last read, named another:
     * every token would be refused.
     */
    public Optional<String> misnamed() {
        return Optional.ofNullable(misnamed);
    }

    /** The key set's URL once known (for health reports and diagnostics). */
    public URI jwksUri() {
        return jwksUri;
    }

    public URI discoveryUri() {
        return discoveryUri(settings.issuer());
    }

    /** OIDC Discovery §4: the issuer without a terminating '/', then the well-known path. */
    public static URI discoveryUri(String issuer) {
        return URI.create(IssuerDocuments.withoutFinalSlash(issuer) + "/.well-known/openid-configuration");
    }

    private JWKSource<SecurityContext> source() throws KeySourceException {
        JWKSource<SecurityContext> current = keys;
        if (current != null) {
            return current;
        }
        // a lock, not synchronized: discovery is an HTTP call of up to 5 s on a virtual thread (JDK 21 pins)
        discovering.lock();
        try {
            if (keys == null) {
                URI uri = settings.jwksUri() != null ? settings.jwksUri() : discover();
                long ttl = settings.jwksCacheTtl().toMillis();
                try {
                    // the throttle under the cache, where the builder puts it; the key sets the probe installs enter
                    // above it (they need no fetch)
                    var fetched = new RateLimitedJWKSetSource<SecurityContext>(new URLBasedJWKSetSource<>(uri.toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, MAX_BYTES)),
                            settings.jwksRefreshMinInterval().toMillis(), null);
                    // without a failover the builder makes a JWKSetBasedJWKSource, whose cache the probe fills
                    keys = (JWKSetBasedJWKSource<SecurityContext>) JWKSourceBuilder.create(
                                    new InstallableJWKSetSource(fetched))
                            .cache(ttl, HTTP_TIMEOUT_MS)
                            // Nimbus wants the refresh ahead of expiry and its timeout within the cache time: its
                            // default 30 s leaves no cache under 35 s (each token was a 500)
                            .refreshAheadCache(Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME,
                                    ttl - HTTP_TIMEOUT_MS), false)
                            .rateLimited(false)
                            .retrying(false)
                            .build();
                } catch (MalformedURLException | RuntimeException e) {
                    // anything else Nimbus refuses is a setting too: kept for /health, a 503 for the caller
                    throw new KeySourceException("cannot use the key set " + uri + ": " + e.getMessage(), e);
                }
                jwksUri = uri;
                log.info("Verifying tokens of issuer '{}' with keys from {}", settings.issuer(), uri);
            }
            return keys;
        } finally {
            discovering.unlock();
        }
    }

    /**
     * Logs a failed discovery at WARN when it fails anew or otherwise than the last time, else at DEBUG: an issuer out
     * of reach since start-up is tried every round of probes (10 s), and said so each time, for the whole outage.
     */
    private void discoveryFailed(String message) {
        if (message.equals(lastDiscoveryFailure)) {
            log.debug(message);
        } else {
            log.warn(message);
            lastDiscoveryFailure = message;
        }
    }

    private URI discover() throws KeySourceException {
        // from the end, not the start: one that waited its whole timeout must still spare the callers queued on the
        // lock meanwhile, or each of them waits another timeout in turn
        if (clock.instant().isBefore(lastDiscoveryEnded.plus(DISCOVERY_RETRY))) {
            throw new KeySourceException("the issuer's discovery document could not be fetched; retrying shortly");
        }
        try {
            return fetchDiscovery();
        } finally {
            lastDiscoveryEnded = clock.instant();
        }
    }

    private URI fetchDiscovery() throws KeySourceException {
        URI discovery = discoveryUri();
        try {
            URI jwks = IssuerDocuments.readDiscovery(http, discovery, settings.issuer(), mapper);
            lastDiscoveryFailure = null;
            misnamed = null;
            return jwks;
        } catch (KeySourceException e) {
            misnamed = e instanceof IssuerDocuments.IssuerMisnamed ? e.getMessage() : null;
            discoveryFailed("Cannot use the OIDC discovery document " + discovery + ": " + e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            discoveryFailed("Cannot read the OIDC discovery document " + discovery + ": " + why(e));
            throw new KeySourceException("cannot read " + discovery + ": " + why(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("interrupted", e);
        }
    }
}
