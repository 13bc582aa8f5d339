package dev.raftpad.client.bench;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The load generator against three server nodes in this JVM (real gRPC on loopback, real data
 * directories with fsync): the server's cost without process boundaries. Prints one line of
 * figures; asserts nothing. Benchmarks need 30–60 s runs (10 s is mostly JIT warm-up):
 *
 * <pre>{@code
 * ./mvnw -q -pl client -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
 * java -cp client/target/test-classes:client/target/classes:$(cat client/target/bench-cp.txt) \
 *     dev.raftpad.client.bench.InProcessLoadBenchmark 50 10 30
 * }</pre>
 *
 * (arguments: editors, documents, seconds, then "plaintext" to turn TLS off, "sessions" to type
 * through DocumentSessions as the desktop app does, "watchers=N" for N readers, "rate=R" for R
 * characters a second per editor). {@code raftpad bench load} runs the same generator against a
 * cluster of real processes.
 */
public final class InProcessLoadBenchmark {
  private InProcessLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int editors = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int documents = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    // "tls" (the default, as in production) or "plaintext" (--insecure): the cost of TLS is the
    // difference between two runs.
    List<String> flags = Arrays.asList(args).subList(Math.min(3, args.length), args.length);
    boolean tls = !flags.contains("plaintext");
    boolean sessions = flags.contains("sessions");
    int watchers = Integer.parseInt(flag(flags, "watchers=", "0"));
    double typingRate = Double.parseDouble(flag(flags, "rate=", "0"));
    Path root = Files.createTempDirectory("raftpad-load");
    InProcessCluster.Settings settings = InProcessCluster.settings(root);
    ClientOptions options = ClientOptions.defaults().withTrustedCa(TestTls.trustedCa());
    if (!tls) {
      settings = settings.withPlaintext();
      options = options.insecure();
    }
    ClientOptions clientOptions = options;
    try (InProcessCluster cluster = InProcessCluster.start(settings);
        RaftpadClient owner =
            RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), clientOptions)) {
      owner.register("load", "load-password", "Load");
      owner.login("load", "load-password", "owner");
      LoadAccounts accounts =
          new LoadAccounts(
              () -> RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), clientOptions),
              owner,
              "load",
              "load-password");
      LoadGenerator.Figures figures =
          LoadGenerator.run(
              new LoadGenerator.Settings(
                  editors,
                  documents,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(seconds),
                  sessions,
                  watchers,
                  typingRate,
                  false),
              owner,
              accounts::editor,
              accounts::watcherAccount,
              LoadGenerator.Observer.stoppedEditorsToStandardError());
      System.out.println((tls ? "TLS" : "plaintext") + ": " + figures.describe());
      System.out.println(
          "load average (1, 5, 15 min): " + Files.readString(Path.of("/proc/loadavg")).strip());
    }
    System.exit(0);
  }

  private static String flag(List<String> flags, String prefix, String otherwise) {
    return flags.stream()
        .filter(f -> f.startsWith(prefix))
        .map(f -> f.substring(prefix.length()))
        .findFirst()
        .orElse(otherwise);
  }
}
