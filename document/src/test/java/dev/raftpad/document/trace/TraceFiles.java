package dev.raftpad.document.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared editing traces: the system property {@code raftpad.traces.dir}, else the first
 * {@code shared/traces} directory found walking up from the working directory (the repository clone
 * sits next to {@code shared/}). Fails loudly when there is none: trace tests never skip.
 */
final class TraceFiles {
  private TraceFiles() {}

  static Path directory() {
    String configured = System.getProperty("raftpad.traces.dir");
    if (configured != null) {
      Path dir = Path.of(configured);
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException("raftpad.traces.dir=" + configured + " is not a directory");
      }
      return dir;
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("traces");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "editing traces not found: no shared/traces above "
            + start
            + "; set -Draftpad.traces.dir=/path/to/shared/traces");
  }

  static Path file(String name) {
    Path file = directory().resolve(name + ".json.gz");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("trace " + file + " is missing");
    }
    return file;
  }
}
