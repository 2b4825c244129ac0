package io.mcpgateway.restaurant.data;

import java.io.IOException;

/**
 * A data file larger than a data source reads ({@link #maxBytes()}): reading and parsing it would take most of the
 * heap, and an {@code OutOfMemoryError} on the way takes threads of the server down with it. Unlike a failed read, it
 * is the file's content at fault: the same file is as large at the next look.
 */
public final class FileTooLargeException extends IOException {

    private static final long MIN_BYTES = 16L * 1024 * 1024;
    /** The share of the heap one file may take as bytes: parsed, its records take about as much again and more. */
    private static final int HEAP_SHARE = 8;

    private final String reason;

    public FileTooLargeException(String path, long bytes) {
        this(path, "is " + size(bytes) + ", more than the " + size(maxBytes()) + " a data file may have (an eighth of"
                + " the heap, or -D" + PROPERTY + "): split it, or give the server a larger heap");
    }

    private FileTooLargeException(String path, String reason) {
        super(path + " " + reason);
        this.reason = reason;
    }

    /** What is wrong, without the file's path: for a problem that names the file itself. */
    public String reason() {
        return "the file " + reason;
    }

    /** The system property that sets the limit in bytes instead. */
    public static final String PROPERTY = "mcpgateway.data.max-file-bytes";

    /**
     * The largest file a source reads: {@link #PROPERTY} when set, else an eighth of the heap, at least 16 MB.
     *
     * @throws IllegalArgumentException when the property is set to anything but a positive number of bytes
     */
    public static long maxBytes() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null) {
            return Math.max(MIN_BYTES, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
        }
        try {
            long bytes = Long.parseLong(configured.strip());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be a positive number of bytes but was '"
                + configured + "'");
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " bytes"
                : bytes < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
