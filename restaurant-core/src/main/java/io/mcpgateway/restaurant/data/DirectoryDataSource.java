package io.mcpgateway.restaurant.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** A data set in a directory of the original layout. */
public final class DirectoryDataSource implements DataSource {

    private final Path root;

    public DirectoryDataSource(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public String description() {
        return "directory " + root;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Path file = resolve(path);
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a device or a pipe would be read for ever (/dev/zero) or wait for a writer; a folder is no file
                throw new IOException("not a regular file (a device, a pipe or a folder)");
            }
            long max = FileTooLargeException.maxBytes();
            long size = Files.size(file);
            if (size > max) {
                throw new FileTooLargeException(path, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // bounded all the same: the file may have grown since its size was read
                byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > max) {
                    throw new FileTooLargeException(path, bytes.length);
                }
                return Optional.of(bytes);
            }
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                // not a district without data: a file someone meant to be there, and the district would go empty
                throw new IOException("a symbolic link to a file that does not exist");
            }
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String folder) throws IOException {
        Path dir = resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private Path resolve(String path) {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the data directory: " + path);
        }
        return resolved;
    }
}
