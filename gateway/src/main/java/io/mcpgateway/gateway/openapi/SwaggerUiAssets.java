package io.mcpgateway.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The files of the docs page, read once from the classpath: Swagger UI's from its webjar (whose version is read from
 * the webjar's own Maven properties, so the pom alone decides it) and ours next to this class. Only the files named
 * here are served; nothing is fetched from outside.
 */
public final class SwaggerUiAssets {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final List<String> WEBJAR_FILES = List.of("swagger-ui.css", "index.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js", "favicon-16x16.png", "favicon-32x32.png");
    private static final String OWN = "io/mcpgateway/gateway/openapi/";
    private static final List<String> OWN_FILES = List.of("swagger-initializer.js");
    private static final String INDEX_TEMPLATE = "docs-index.html";

    /** A file to serve. */
    record Asset(String contentType, byte[] bytes) {
    }

    private final String version;
    private final Map<String, Asset> files;
    private final String indexTemplate;

    private SwaggerUiAssets(String version, Map<String, Asset> files, String indexTemplate) {
        this.version = version;
        this.files = Map.copyOf(files);
        this.indexTemplate = indexTemplate;
    }

    /** Reads every file; fails at start-up, naming the file, when the webjar is missing from the classpath. */
    public static SwaggerUiAssets fromClasspath() {
        ClassLoader loader = SwaggerUiAssets.class.getClassLoader();
        Properties webjar = new Properties();
        try (InputStream in = open(loader, WEBJAR_PROPERTIES)) {
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = webjar.getProperty("version");
        Map<String, Asset> files = new LinkedHashMap<>();
        WEBJAR_FILES.forEach(name -> files.put(name, read(loader, WEBJAR + version + "/" + name)));
        OWN_FILES.forEach(name -> files.put(name, read(loader, OWN + name)));
        String index = new String(read(loader, OWN + INDEX_TEMPLATE).bytes(), StandardCharsets.UTF_8);
        return new SwaggerUiAssets(version, files, index);
    }

    /** The Swagger UI version the webjar holds. */
    public String version() {
        return version;
    }

    Optional<Asset> find(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The docs page, its placeholders filled: where the assets and the document are. */
    String indexPage(String assetsPath, String specUrl) {
        return indexTemplate.replace("{{assets}}", assetsPath).replace("{{version}}", version)
                .replace("{{spec-url}}", specUrl);
    }

    private static Asset read(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource)) {
            return new Asset(contentType(resource), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The docs page needs " + resource + " on the classpath (the Swagger UI"
                    + " webjar org.webjars:swagger-ui) but it is missing");
        }
        return in;
    }

    private static String contentType(String resource) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        return switch (extension) {
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "png" -> "image/png";
            case "html" -> "text/html; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
