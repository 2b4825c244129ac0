package io.mcpgateway.gateway.ratelimit;

/** A bucket store every gateway instance reaches, which can be unreachable: each call may fail. */
interface SharedBucketStore extends BucketStore, AutoCloseable {

    /** Checks the store serves checks, reconnecting first if the connection was lost; throws when it does not. */
    void ping();

    @Override
    void close();
}
