package dev.raftpad.client.bench;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.testkit.process.NodeProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How long a leader's {@code kill -9} interrupts editing: three {@code ServerNodeMain} processes
 * with the settings {@code ./raftpad up} uses, a steady load of editors through the real SDK
 * (default client options), then N times: find the leader, SIGKILL it, measure from the kill to the
 * first edit another node acknowledged, restart the killed node on its data dir, let the cluster
 * settle and type on for a while. Term increases outside a kill's failover window (kill until its
 * first acknowledged edit) are counted as spurious elections. Prints one JSON line; asserts
 * nothing.
 *
 * <pre>{@code
 * ./mvnw -q -pl client -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
 * java -cp client/target/test-classes:client/target/classes:$(cat client/target/bench-cp.txt) \
 *     dev.raftpad.client.bench.FailoverBenchmark 20 4 2 20
 * }</pre>
 *
 * (arguments: kills, editors, documents, pause between one editor's edits in ms, and optionally the
 * seconds of typing between a restarted node settling and the next kill, default 3: the node killed
 * next has then run for about 10 s, still compiling its code on a busy machine). Node logs go to a
 * temporary folder, named on stderr.
 */
public final class FailoverBenchmark {
  /**
   * What {@code ./raftpad up} runs each server with (the {@code raftpad} script at the repository
   * root: its JVM options and {@code --tick-ms}); keep the two in step. Only the log format
   * differs: milliseconds on the raft runtime's election lines, to line them up with the kills.
   */
  static final NodeProcesses.Settings RAFTPAD_UP =
      new NodeProcesses.Settings(
          List.of(
              "-Xms64m",
              "-Xmx512m",
              "-XX:+UseSerialGC",
              "-Djava.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s %5$s%n"),
          List.of("--tick-ms", "100"));

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);
  private static final Duration WARM_UP = Duration.ofSeconds(10);
  private static final String PASSWORD = "failover password";

  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int editors = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int documents = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long pauseMillis = args.length > 3 ? Long.parseLong(args[3]) : 20;
    Duration typeBetweenKills = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 3);
    String loadStart = loadAverage();
    Path root = Files.createTempDirectory("raftpad-failover");
    System.err.println("node logs in " + root);
    AckLog acks = new AckLog();
    try (NodeProcesses nodes = new NodeProcesses(root, List.of("n1", "n2", "n3"), RAFTPAD_UP);
        EditorLoad load = new EditorLoad(acks, pauseMillis)) {
      for (String id : nodes.ids()) {
        nodes.start(id);
      }
      String token;
      List<String> docs = new ArrayList<>();
      try (RaftpadClient owner =
          RaftpadClient.connect(SeedAddresses.parse(nodes.seeds()), options(nodes))) {
        retry(() -> register(owner));
        token = retry(() -> owner.login("bench", PASSWORD, "owner").token());
        for (int i = 0; i < documents; i++) {
          docs.add(retry(() -> owner.documents().create("failover", "").id()));
        }
      }
      for (int i = 0; i < editors; i++) {
        RaftpadClient editor =
            RaftpadClient.connect(SeedAddresses.parse(nodes.seeds()), options(nodes));
        String device = "editor-" + i;
        retry(() -> editor.login("bench", PASSWORD, device));
        load.start("e" + i, editor, docs.get(i % docs.size()));
      }
      try (ClusterView view = new ClusterView(nodes, token)) {
        List<Long> failovers = new ArrayList<>();
        long spurious = 0;
        long killTerms = 0;
        long timeouts = 0;
        LockSupport.parkNanos(WARM_UP.toNanos());
        awaitTrue("the cluster settled", view::settled);
        long termAfterLast = term(view);
        for (int kill = 1; kill <= kills; kill++) {
          LockSupport.parkNanos(typeBetweenKills.toNanos());
          String leader = await("a leader", () -> view.leader().orElse(null));
          long termBefore = term(view);
          spurious += termBefore - termAfterLast;
          long killedAt = System.nanoTime();
          LocalTime wallClock = LocalTime.now(ZoneOffset.UTC);
          nodes.kill(leader);
          OptionalLong acked =
              acks.firstAfter(killedAt, nodes.address(leader), FAILOVER_LIMIT.toNanos());
          long millis =
              TimeUnit.NANOSECONDS.toMillis(
                  acked.orElse(killedAt + FAILOVER_LIMIT.toNanos()) - killedAt);
          if (acked.isEmpty()) {
            timeouts++;
          }
          failovers.add(millis);
          termAfterLast = term(view);
          killTerms += termAfterLast - termBefore;
          System.err.printf(
              "kill %d at %s: %s, %d ms to an edit acknowledged elsewhere, terms %d -> %d%n",
              kill, wallClock, leader, millis, termBefore, termAfterLast);
          nodes.start(leader);
          awaitTrue("the cluster settled after restarting " + leader, view::settled);
          acks.dropBefore(killedAt);
        }
        LockSupport.parkNanos(typeBetweenKills.toNanos());
        spurious += term(view) - termAfterLast;
        Percentiles p = new Percentiles(failovers);
        System.err.println("failovers (ms, sorted): " + p);
        System.err.println("calls that failed for good: " + load.failures());
        System.out.printf(
            Locale.ROOT,
            "{\"kills\":%d,\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d,\"spurious_elections\":%d,"
                + "\"kill_terms\":%d,\"timeouts\":%d,\"editors\":%d,\"documents\":%d,"
                + "\"pause_ms\":%d,\"between_kills_s\":%d,\"loadavg_start\":\"%s\","
                + "\"loadavg_end\":\"%s\"}%n",
            kills,
            p.at(50),
            p.at(99),
            p.max(),
            spurious,
            killTerms,
            timeouts,
            editors,
            documents,
            pauseMillis,
            typeBetweenKills.toSeconds(),
            loadStart,
            loadAverage());
      }
    }
    System.exit(0);
  }

  /** The SDK's defaults, as an editor gets them, trusting the run's CA. */
  private static ClientOptions options(NodeProcesses nodes) {
    return ClientOptions.defaults().withTrustedCa(nodes.caFile());
  }

  private static void register(RaftpadClient owner) {
    try {
      owner.register("bench", PASSWORD, "Bench");
    } catch (RaftpadException e) {
      if (e.reason() != RaftpadException.Reason.USERNAME_TAKEN) {
        throw e;
      }
    }
  }

  private static long term(ClusterView view) {
    return await("a node's term", () -> view.maxTerm().stream().boxed().findFirst().orElse(null));
  }

  /** The first three fields of /proc/loadavg (1, 5 and 15 minutes). */
  private static String loadAverage() {
    try {
      List<String> fields =
          List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4));
      return String.join(" ", fields.subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Retries a setup call while the fresh cluster elects its first leader. */
  private static <T> T retry(Supplier<T> call) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return call.get();
      } catch (RaftpadException e) {
        if (!e.reason().isTransient() || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private static void retry(Runnable call) {
    var unused =
        retry(
            () -> {
              call.run();
              return true;
            });
  }

  private static <T> T await(String what, Supplier<T> value) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    var unused = await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }
}
