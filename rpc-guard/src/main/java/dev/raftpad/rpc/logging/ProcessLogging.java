package dev.raftpad.rpc.logging;

import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * What every Raftpad program does about its log before anything else: the JDK's own logging (raft's
 * {@code System.Logger}, gRPC's {@code java.util.logging}) goes through SLF4J, so every line has
 * the chosen format; and a {@code RAFTPAD_LOG_FORMAT} the logback files do not know is said once
 * (they fall back to text).
 */
public final class ProcessLogging {
  /** The variable the logback files read; system property first, then environment, as logback. */
  public static final String FORMAT_VARIABLE = "RAFTPAD_LOG_FORMAT";

  private static final Set<String> FORMATS = Set.of("text", "json");

  private ProcessLogging() {}

  /** Routes JDK logging to SLF4J and warns about an unknown format. Idempotent. */
  public static synchronized void setUp() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    String chosen = chosenFormat();
    if (chosen != null && !chosen.isEmpty() && !FORMATS.contains(chosen)) {
      Logger log = LoggerFactory.getLogger(ProcessLogging.class);
      log.warn(
          "{}={} is not a log format (text or json): logging as text",
          FORMAT_VARIABLE,
          chosen.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "?"));
    }
  }

  private static String chosenFormat() {
    String property = System.getProperty(FORMAT_VARIABLE);
    return property != null ? property : System.getenv(FORMAT_VARIABLE);
  }
}
