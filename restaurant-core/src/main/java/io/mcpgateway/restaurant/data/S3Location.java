package io.mcpgateway.restaurant.data;

import java.net.URI;
import java.util.Objects;

/**
 * Where a data set in the original layout lives in S3 (or an S3-compatible store).
 *
 * @param prefix the key prefix of the data set's root, empty or ending in {@code /} (added when missing)
 * @param region the bucket's AWS region
 * @param endpoint an S3-compatible store's endpoint (MinIO, S3Mock...), addressed path-style; null for AWS itself
 */
public record S3Location(String bucket, String prefix, String region, URI endpoint) {

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
        }
        prefix = prefix == null || prefix.isBlank() ? "" : prefix.strip().replaceAll("^/+", "");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    /** For logs and {@code /health}: {@code s3://bucket/prefix}. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint);
    }
}
