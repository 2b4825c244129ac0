package io.mcpgateway.restaurant.data;

/** Runs a test's body with the data file size limit ({@link FileTooLargeException#PROPERTY}) set, then as before. */
final class FileLimit implements AutoCloseable {

    private final String previous;

    private FileLimit(String value) {
        previous = System.setProperty(FileTooLargeException.PROPERTY, value);
    }

    static FileLimit of(long bytes) {
        return new FileLimit(Long.toString(bytes));
    }

    /** The property as given, right or wrong. */
    static FileLimit of(String value) {
        return new FileLimit(value);
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(FileTooLargeException.PROPERTY);
        } else {
            System.setProperty(FileTooLargeException.PROPERTY, previous);
        }
    }
}
