package io.mcpgateway.restaurant.data;

import java.io.IOException;
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
            long size = Files.size(file);
            if (size > FileTooLargeException.maxBytes()) {
                throw new FileTooLargeException(path, size);
            }
            return Optional.of(Files.readAllBytes(file));
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
