package io.mcpgateway.restaurant.data;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A data set in the original layout under a key prefix of an S3 bucket ({@code <prefix>districts/...},
 * {@code <prefix>restaurants/...}). A missing object is a missing file (the loader reports it); any other failure
 * to reach S3 is an {@link IOException}, so a load fails as a whole rather than with half the data. Its
 * {@link #version()} is the objects' ETags, so a reload can tell whether anything changed from one listing; objects
 * are then read as of that listing ({@code If-Match} its ETag), so a load never mixes files from before and after an
 * upload: one that changed since is a failed read, and the next check loads the new version whole.
 */
public final class S3DataSource implements VersionedDataSource, AutoCloseable {

    private static final int MAX_REASON_CHARS = 300;
    /** The folders of the original layout: the catalog's and the restaurants'. */
    private static final List<String> LAYOUT_FOLDERS = List.of("districts/", "restaurants/");
    private static final int PRECONDITION_FAILED = 412;
    /**
     * The longest a call to S3 may take, and one attempt of it: a store that keeps sending a few bytes at a time would
     * otherwise hold the reload (and the loading threads) for good; the socket's own timeout only ends silence.
     */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

    private final S3Client s3;
    private final S3Location location;
    /** The ETag and size of each object by its path, as {@link #version()} last listed them. */
    private volatile Map<String, Listed> listed = Map.of();

    private record Listed(String eTag, long size) {
    }

    public S3DataSource(S3Client s3, S3Location location) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.location = Objects.requireNonNull(location, "location");
    }

    /** A source with its own client: the default AWS credentials chain (environment, profile, instance role...). */
    public static S3DataSource connect(S3Location location) {
        return connect(location, DefaultCredentialsProvider.builder().build());
    }

    public static S3DataSource connect(S3Location location, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint()).forcePathStyle(true);
        }
        return new S3DataSource(builder.build(), location);
    }

    @Override
    public String description() {
        return location.toString();
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Listed object = listed.get(path);
        if (object != null && object.size() > FileTooLargeException.maxBytes()) {
            throw new FileTooLargeException(path, object.size()); // known from the listing: never downloaded
        }
        try {
            var bytes = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(location.bucket())
                    .key(location.prefix() + path).ifMatch(object == null ? null : object.eTag()).build());
            if (bytes.response().contentLength() != null
                    && bytes.response().contentLength() > FileTooLargeException.maxBytes()) {
                throw new FileTooLargeException(path, bytes.response().contentLength()); // not listed first
            }
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                throw new IOException(path + " in " + location + " changed since the objects were listed: the next"
                        + " check loads the new version", e);
            }
            throw failure("read " + path, e);
        } catch (SdkException e) {
            throw failure("read " + path, e);
        }
    }

    @Override
    public List<String> list(String folder) throws IOException {
        List<String> paths = new ArrayList<>();
        objects(folder.endsWith("/") ? folder : folder + "/").forEach(o -> paths.add(relative(o.key())));
        paths.sort(null);
        return paths;
    }

    /**
     * The ETag of every object of the layout's two folders by its path: two listings that differ mean the data set
     * changed (anything else under the prefix, notes or exports, changes nothing that is loaded).
     */
    @Override
    public String version() throws IOException {
        Map<String, Listed> objects = new TreeMap<>();
        for (String folder : LAYOUT_FOLDERS) {
            objects(folder).forEach(o -> objects.put(relative(o.key()), new Listed(o.eTag(),
                    o.size() == null ? 0 : o.size())));
        }
        listed = Map.copyOf(objects);
        return objects.entrySet().stream().map(object -> object.getKey() + "=" + object.getValue().eTag())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private List<S3Object> objects(String folder) throws IOException {
        try {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(location.bucket())
                    .prefix(location.prefix() + folder).build()).contents().stream()
                    .filter(object -> !object.key().endsWith("/")) // an empty "folder" a console made: no file
                    .toList();
        } catch (SdkException e) {
            throw failure("list " + (folder.isEmpty() ? "the objects" : folder), e);
        }
    }

    private String relative(String key) {
        return key.substring(location.prefix().length());
    }

    private IOException failure(String what, SdkException e) {
        return new IOException("cannot " + what + " in " + location + ": " + reason(e), e);
    }

    /**
     * The SDK's reason in a line: its message for missing credentials lists every provider of its chain and why each
     * found none (some 1,300 characters).
     */
    static String reason(SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return "no AWS credentials found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an instance"
                    + " or pod role)";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() <= MAX_REASON_CHARS ? line : line.substring(0, MAX_REASON_CHARS) + "...";
    }

    @Override
    public void close() {
        s3.close();
    }
}
