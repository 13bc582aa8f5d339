package dev.raftpad.benchmarks.raft;

import dev.raftpad.benchmarks.BenchResult;
import dev.raftpad.benchmarks.ClosedLoop;
import dev.raftpad.benchmarks.LoadAverage;
import dev.raftpad.benchmarks.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Our Raft over loopback gRPC against Apache Ratis, same run, same shape: three nodes with durable
 * segmented logs (fsync) in temp dirs, {@code proposers} clients each with one 128-byte command
 * outstanding, sent to the leader over gRPC, and a counting state machine. One JSON line per
 * (system, proposers) run on stdout; the ratio of each pair on stderr.
 */
@Command(
    name = "raft",
    mixinStandardHelpOptions = true,
    description = "Raft over loopback gRPC (ours) vs Apache Ratis: 3 nodes, fsync, N proposers.")
public final class RaftBenchmark implements Callable<Integer> {
  /** The systems compared. */
  public enum SystemUnderTest {
    RAFTPAD("raftpad"),
    RATIS("ratis"),
    /** No Raft: the client path's round trip to a server that answers at once (the floor). */
    ECHO("echo");

    private final String label;

    SystemUnderTest(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How the benchmark's proposers reach the leader. */
  public enum ClientApi {
    /** One unary call per proposal (a new HTTP/2 stream each). */
    UNARY,
    /** One bidirectional stream per connection, proposals and replies matched by id. */
    STREAM
  }

  @Option(
      names = "--proposers",
      split = ",",
      defaultValue = "1,16,256",
      description =
          "Concurrent proposers, one command outstanding each (default: ${DEFAULT-VALUE}).")
  List<Integer> proposers;

  @Option(
      names = "--systems",
      split = ",",
      defaultValue = "RAFTPAD,RATIS",
      description =
          "Which systems, in order: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  List<SystemUnderTest> systems;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--command-bytes",
      defaultValue = "128",
      description = "Size of each command (default: ${DEFAULT-VALUE}).")
  int commandBytes;

  @Option(
      names = "--connections",
      defaultValue = "1",
      description =
          "Client connections to the cluster, shared round-robin by the proposers (ours: gRPC"
              + " channels to the leader; Ratis: RaftClients) (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--client-api",
      defaultValue = "STREAM",
      description =
          "Ours only: how proposers reach the leader, ${COMPLETION-CANDIDATES}: one unary call per"
              + " proposal, or one bidirectional stream per connection as Ratis's async client"
              + " does (default: ${DEFAULT-VALUE}).")
  ClientApi clientApi;

  @Option(
      names = "--peer-prefetch",
      defaultValue = "0",
      description =
          "Ours only, an experiment: let each peer stream deliver up to N messages ahead (0: as"
              + " server-node runs it, one at a time) (default: ${DEFAULT-VALUE}).")
  int peerPrefetch;

  @Option(
      names = "--dir",
      description = "Where the temp data dirs go (default: the system temp dir).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    System.err.println(RatisCluster.describeConfig());
    for (int count : proposers) {
      List<BenchResult> pair = new ArrayList<>();
      for (SystemUnderTest system : systems) {
        BenchResult result =
            run(
                system,
                count,
                commandBytes,
                connections,
                clientApi,
                peerPrefetch,
                Duration.ofMillis((long) (warmupSeconds * 1000)),
                Duration.ofMillis((long) (seconds * 1000)),
                dir);
        System.out.println(result.toJson());
        System.out.flush();
        pair.add(result);
      }
      if (pair.size() == 2) {
        System.err.printf(
            Locale.ROOT,
            "proposers=%d %s/%s: ops/s x%.2f, p99 x%.2f (load %s)%n",
            count,
            systems.get(0).label(),
            systems.get(1).label(),
            pair.get(0).opsPerSecond() / pair.get(1).opsPerSecond(),
            pair.get(0).p99Millis() / pair.get(1).p99Millis(),
            LoadAverage.line());
      }
    }
    return 0;
  }

  /** One run: a fresh cluster in a fresh temp dir, the load, the JSON line; all deleted after. */
  public static BenchResult run(
      SystemUnderTest system,
      int proposers,
      int commandBytes,
      int connections,
      ClientApi clientApi,
      int peerPrefetch,
      Duration warmup,
      Duration measured,
      Path parent)
      throws Exception {
    byte[] command = new byte[commandBytes];
    new SplittableRandom(42).nextBytes(command);
    TempDir dir = TempDir.create(parent, "raftpad-bench-" + system.label() + "-");
    System.err.printf(
        Locale.ROOT,
        "%s proposers=%d warmup=%ss measured=%ss in %s (load %s)%n",
        system.label(),
        proposers,
        warmup.toMillis() / 1000.0,
        measured.toMillis() / 1000.0,
        dir.path(),
        LoadAverage.line());
    ClosedLoop.Outcome outcome;
    long applied;
    // The cluster closes first (its storage lives in the dir), then the dir goes.
    try (dir;
        BenchCluster cluster =
            switch (system) {
              case RAFTPAD -> RaftpadGrpcCluster.start(dir, connections, clientApi, peerPrefetch);
              case RATIS -> RatisCluster.start(dir, connections, proposers);
              case ECHO -> EchoServer.start(connections);
            }) {
      outcome =
          new ClosedLoop(proposers, worker -> cluster.propose(worker, command))
              .run(warmup, measured, Duration.ofSeconds(30));
      applied = cluster.applied();
    }
    String name =
        switch (system) {
          case RAFTPAD -> "raft-grpc";
          case RATIS -> "ratis-grpc";
          case ECHO -> "echo-grpc";
        };
    return BenchResult.builder(name)
        .param("system", system.label())
        .param("nodes", system == SystemUnderTest.ECHO ? 1 : 3)
        .param("proposers", proposers)
        .param("command_bytes", commandBytes)
        .param("connections", connections)
        .param(
            "client_api",
            switch (system) {
              case RAFTPAD -> clientApi.name().toLowerCase(Locale.ROOT);
              case RATIS -> "ratis-async";
              case ECHO -> "stream";
            })
        .param("peer_prefetch", system == SystemUnderTest.RAFTPAD ? peerPrefetch : 0)
        .param("warmup_s", warmup.toMillis() / 1000.0)
        .param("seconds", measured.toMillis() / 1000.0)
        .latencies(outcome.operations(), outcome.seconds(), outcome.latencies())
        .figure("errors", outcome.errors())
        .figure("applied_total", applied)
        .build();
  }
}
