package dev.proctor.runner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder as the store: a key is a path under the root. For a run whose artifacts are on a shared claim, and for
 * tests and tools that build a report on a disk (a report built here opens from {@code file://} with its links).
 */
public final class DirectoryStore implements ObjectStore {
    private final Path root;

    public DirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + key + " under " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            Path file = resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new StoreException("cannot write " + key + " under " + root + ": " + e.getMessage(), e);
        }
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) throw new StoreException("key " + key + " leaves the store's folder", null);
        return file;
    }
}
