package io.mcpgateway.gateway.openapi;

import java.util.Map;
import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.JsonResponses;

/**
 * {@code GET /docs}: Swagger UI over {@code /openapi.json}, with "Try it out" on and the bearer token entered through
 * Authorize. Every file comes from the gateway itself ({@code /docs/assets/...}) and the page's Content-Security-Policy
 * allows nothing else, so the page works without outside network and cannot be made to load or send anything
 * elsewhere.
 */
public final class DocsRoutes {

    public static final String PATH = "/docs";
    public static final String ASSETS_PATH = PATH + "/assets/";
    /**
     * The original's second docs page (ReDoc, loaded from a CDN): here it leads to this page, which needs nothing
     * from outside.
     */
    public static final String REDOC_PATH = "/redoc";

    /**
     * Only this origin. Swagger UI sets inline styles on its elements (style-src 'unsafe-inline') and its stylesheet
     * draws icons as data: images; scripts stay strictly 'self', so the initializer is a file, not inline.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private final SwaggerUiAssets assets;
    private final String specUrl;

    public DocsRoutes(SwaggerUiAssets assets, String specUrl) {
        this.assets = Objects.requireNonNull(assets, "assets");
        this.specUrl = Objects.requireNonNull(specUrl, "specUrl");
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::page);
        config.routes.get(ASSETS_PATH + "{file}", this::asset);
        config.routes.get(REDOC_PATH, ctx -> JsonResponses.withoutBody(ctx.header("Location", PATH), 301));
    }

    private void page(Context ctx) {
        secure(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(assets.indexPage(ASSETS_PATH, specUrl));
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("file");
        SwaggerUiAssets.Asset asset = assets.find(name).orElseThrow(() -> new GatewayException.NotFound(
                "No docs asset " + name, Map.of("path", ctx.path())));
        secure(ctx);
        // The page asks for ?v=<version>, so a new Swagger UI version is a new URL and can be cached long.
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
