package io.mcpgateway.restaurant.data;

/** Runs a test's body with the data file size limit ({@link FileTooLargeException#PROPERTY}) set, then as before. */
final class FileLimit implements AutoCloseable {

    private final String previous;

    private FileLimit(long bytes) {
        previous = System.setProperty(FileTooLargeException.PROPERTY, Long.toString(bytes));
    }

    static FileLimit of(long bytes) {
        return new FileLimit(bytes);
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
