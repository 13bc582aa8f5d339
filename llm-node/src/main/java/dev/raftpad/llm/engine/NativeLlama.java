package dev.raftpad.llm.engine;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the llama.cpp native library once per JVM, safely, and routes what llama.cpp hands to the
 * binding's log callback to SLF4J (logger {@code llama.cpp}). The server loop's own console log
 * does not pass through that callback; {@link EngineOptions#nativeLog()} switches it off.
 *
 * <p>On its first load the library deletes every file starting with {@code llama} or {@code jllama}
 * in its extraction directory, so two JVMs sharing one directory can delete each other's library.
 * Each process therefore gets a directory of its own: {@code -Dde.kherud.llama.tmpdir} if set
 * (created here if missing, since the library needs it to exist), else a per-process directory
 * under {@code java.io.tmpdir}.
 */
public final class NativeLlama {
  /** The system property the library reads its extraction directory from. */
  public static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";

  private static final Logger log = LoggerFactory.getLogger("llama.cpp");
  private static final Object lock = new Object();
  private static boolean loaded;

  private NativeLlama() {}

  /** Loads the library if it is not loaded yet. */
  public static void ensureLoaded() {
    synchronized (lock) {
      if (loaded) {
        return;
      }
      prepareExtractionDirectory();
      // Touching LlamaModel runs its static initializer, which extracts and loads the library.
      LlamaModel.setLogger(LogFormat.TEXT, NativeLlama::onNativeLog);
      loaded = true;
    }
  }

  private static void prepareExtractionDirectory() {
    String configured = System.getProperty(TMPDIR_PROPERTY);
    Path dir =
        configured != null
            ? Path.of(configured)
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "raftpad-llama-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the llama.cpp library directory " + dir, e);
    }
    System.setProperty(TMPDIR_PROPERTY, dir.toString());
    if (configured == null) {
      dir.toFile().deleteOnExit();
    }
  }

  // Called from native threads. llama.cpp is chatty, so everything below ERROR goes to DEBUG. (In
  // the bundled 4.2.0 build, llama.cpp's common_init() takes the log over again during a load, so
  // in practice little arrives here; in particular not its reasons for refusing a model file.)
  private static void onNativeLog(LogLevel level, String message) {
    String line = message.strip();
    if (line.isEmpty()) {
      return;
    }
    if (level == LogLevel.ERROR) {
      log.warn(line);
    } else {
      log.debug(line);
    }
  }
}
