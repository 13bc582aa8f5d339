package dev.raftpad.benchmarks;

import dev.raftpad.benchmarks.load.LoadBenchmark;
import dev.raftpad.benchmarks.raft.RaftBenchmark;
import dev.raftpad.benchmarks.sync.ReceiveBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks, one subcommand each: {@code java -jar benchmarks/target/raftpad-benchmarks.jar
 * raft --proposers 1,16,256 --seconds 30}. Every run prints one JSON line on stdout ({@link
 * BenchResult}); progress and summaries go to stderr. See docs/benchmarks.md.
 */
@Command(
    name = "raftpad-benchmarks",
    mixinStandardHelpOptions = true,
    description = "Raftpad benchmarks: one JSON line per run on stdout.",
    subcommands = {
      RaftBenchmark.class,
      FsyncProbe.class,
      LoadBenchmark.class,
      ReceiveBenchmark.class
    })
public final class BenchmarksMain {
  private BenchmarksMain() {}

  /** Held so the level stays set (the JDK keeps loggers weakly). */
  private static final java.util.logging.Logger JDK_ROOT_LOGGER =
      java.util.logging.Logger.getLogger("");

  public static void main(String[] args) {
    // Our own logging setup, not server-node's logback.xml (also on the classpath): warnings only.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "benchmarks-logback.xml");
    }
    // Our raft logs role changes through System.Logger (java.util.logging here): warnings only.
    JDK_ROOT_LOGGER.setLevel(java.util.logging.Level.WARNING);
    for (var handler : JDK_ROOT_LOGGER.getHandlers()) {
      handler.setLevel(java.util.logging.Level.WARNING);
    }
    int code =
        new CommandLine(BenchmarksMain.class)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args);
    System.exit(code);
  }
}
