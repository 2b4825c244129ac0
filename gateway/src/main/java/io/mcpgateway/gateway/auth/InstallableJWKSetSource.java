package io.mcpgateway.gateway.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Sits between the key set's cache and its throttled fetch, so that a key set read elsewhere (by {@link
 * IssuerKeys#probe}) can be put in the cache: {@link #install} makes the cache refresh, and this source answers that
 * refresh with the set read instead of passing it on to the throttle, which would refuse it as too soon.
 */
final class InstallableJWKSetSource extends JWKSetSourceWrapper<SecurityContext> {

    /** A refresh that carries the key set to answer with. */
    private static final class Install extends JWKSetCacheRefreshEvaluator {

        private final JWKSet read;

        private Install(JWKSet read) {
            this.read = read;
        }

        @Override
        public boolean requiresRefresh(JWKSet cached) {
            return true;
        }
    }

    InstallableJWKSetSource(JWKSetSource<SecurityContext> fetched) {
        super(fetched);
    }

    /** The set to cache: the one installed, or the one fetched when a token could be verified with it. */
    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
            throws KeySourceException {
        if (refresh instanceof Install install) {
            return install.read;
        }
        return IssuerDocuments.usable(getSource().getJWKSet(refresh, currentTime, context), "the issuer's key set");
    }

    /**
     * Makes {@code cache}, a caching source over an {@code InstallableJWKSetSource} that already holds a key set, hold
     * {@code read} from now on, for its whole time to live.
     *
     * @throws KeySourceException when a fetch under way holds the cache past its refresh timeout
     */
    static void install(JWKSetSource<SecurityContext> cache, JWKSet read) throws KeySourceException {
        // the library's time, not the gateway's clock: the cache's expiry is reckoned against it
        cache.getJWKSet(new Install(read), System.currentTimeMillis(), null);
    }
}
