package dev.raftpad.benchmarks.load;

import com.google.gson.Gson;
import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.bench.LoadAccounts;
import dev.raftpad.client.bench.LoadGenerator;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The load generator as a process of its own, so that it does not share a JVM (its heap, its JIT,
 * its GC pauses) with any server: {@link LoadBenchmark} starts it. Prints the generator's figures
 * as one JSON line on standard output.
 *
 * <p>Arguments: seeds, CA file, user, password, editors, documents, warm-up seconds, seconds,
 * sessions (true/false), watchers, typing rate. Prints {@link #MEASURING} and {@link #MEASURED},
 * each on a line of its own, as the measured window begins and ends, so that the parent can measure
 * the processes' CPU over the same window.
 */
public final class LoadGeneratorProcess {
  static final String MEASURING = "# measuring";
  static final String MEASURED = "# measured";

  private static final LoadGenerator.Observer STOPPED_EDITORS =
      LoadGenerator.Observer.stoppedEditorsToStandardError();

  private LoadGeneratorProcess() {}

  public static void main(String[] args) throws Exception {
    String seeds = args[0];
    ClientOptions options = ClientOptions.defaults().withTrustedCa(Path.of(args[1]));
    String user = args[2];
    String password = args[3];
    LoadGenerator.Settings settings =
        new LoadGenerator.Settings(
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]),
            Duration.ofMillis((long) (Double.parseDouble(args[6]) * 1000)),
            Duration.ofMillis((long) (Double.parseDouble(args[7]) * 1000)),
            Boolean.parseBoolean(args[8]),
            Integer.parseInt(args[9]),
            Double.parseDouble(args[10]),
            Boolean.parseBoolean(args[11]));
    try (RaftpadClient owner = RaftpadClient.connect(SeedAddresses.parse(seeds), options)) {
      owner.login(user, password, "load-owner");
      LoadAccounts accounts =
          new LoadAccounts(
              () -> RaftpadClient.connect(SeedAddresses.parse(seeds), options),
              owner,
              user,
              password);
      LoadGenerator.Figures figures =
          LoadGenerator.run(
              settings,
              owner,
              accounts::editor,
              accounts::watcherAccount,
              new LoadGenerator.Observer() {
                @Override
                public void editorStopped(String editor, RuntimeException failure) {
                  STOPPED_EDITORS.editorStopped(editor, failure);
                }

                @Override
                public void measuring(boolean started) {
                  System.out.println(started ? MEASURING : MEASURED);
                  System.out.flush();
                }
              });
      System.out.println(new Gson().toJson(figures));
    }
    System.exit(0);
  }
}
