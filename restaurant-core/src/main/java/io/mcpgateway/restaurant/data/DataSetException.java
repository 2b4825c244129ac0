package io.mcpgateway.restaurant.data;

/** A data set that cannot be served at all, for example one without a readable district catalog. */
public final class DataSetException extends RuntimeException {

    public DataSetException(String message) {
        super(message);
    }

    public DataSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
