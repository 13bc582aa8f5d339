package dev.raftpad.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory deleted with everything in it on {@link #close}, and by a shutdown hook if
 * the JVM exits first (Ctrl-C during a run).
 */
public final class TempDir implements AutoCloseable {
  private final Path path;
  private final Thread hook;

  private TempDir(Path path) {
    this.path = path;
    this.hook = new Thread(() -> delete(path), "delete-" + path.getFileName());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A fresh directory under {@code parent} (the system temp dir if null). */
  public static TempDir create(Path parent, String prefix) throws IOException {
    return new TempDir(
        parent == null
            ? Files.createTempDirectory(prefix)
            : Files.createTempDirectory(parent, prefix));
  }

  public Path path() {
    return path;
  }

  public Path resolve(String child) {
    return path.resolve(child);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook deletes it
    }
    delete(path);
  }

  private static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }
}
