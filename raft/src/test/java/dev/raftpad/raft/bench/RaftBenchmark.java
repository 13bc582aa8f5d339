package dev.raftpad.raft.bench;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.spi.StateMachine;
import dev.raftpad.raft.storage.FileStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Throughput and commit latency of a 3-node cluster in one JVM: real {@link FileStorage} with fsync
 * in temporary directories, an in-memory transport, 128-byte commands, and 1, 16 and 256 concurrent
 * proposers that each wait for their proposal to be committed and applied.
 *
 * <p>Run: {@code ./mvnw -q -pl raft test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.raftpad.raft.bench.RaftBenchmark} (optional args: seconds per run). Prints
 * figures; asserts nothing.
 */
public final class RaftBenchmark {
  private static final int COMMAND_BYTES = 128;

  private RaftBenchmark() {}

  /** Counts applied commands; the cheapest deterministic state machine. */
  private static final class Counter implements StateMachine<Long> {
    private long applied;

    @Override
    public Long apply(long index, byte[] command) {
      return ++applied;
    }

    @Override
    public Image snapshot() {
      byte[] bytes = ByteBuffer.allocate(8).putLong(0, applied).array();
      return () -> bytes;
    }

    @Override
    public void restore(SnapshotMeta meta, byte[] data) {
      applied = ByteBuffer.wrap(data).getLong();
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    for (int proposers : new int[] {1, 16, 256}) {
      run(proposers, seconds);
    }
    System.exit(0);
  }

  private static void run(int proposers, int seconds) throws Exception {
    Path root = Files.createTempDirectory("raft-bench");
    Map<String, RaftServer<Long>> servers = new LinkedHashMap<>();
    Map<String, FileStorage> storages = new LinkedHashMap<>();
    List<String> ids = List.of("n1", "n2", "n3");
    Membership membership = Membership.ofVoters(ids.toArray(String[]::new));
    RaftConfig config = RaftConfig.defaults();
    for (String id : ids) {
      FileStorage storage = new FileStorage(root.resolve(id));
      storages.put(id, storage);
      NodeDriver<Long> driver =
          NodeDriver.open(
              id,
              config,
              new SplittableRandom(id.hashCode()),
              storage,
              message -> servers.get(message.to()).receive("bench", message),
              new Counter(),
              membership,
              new NodeDriver.SnapshotPolicy(1_000_000, 10_000));
      servers.put(id, new RaftServer<>(driver, storage, "bench", Duration.ofMillis(50)));
    }
    servers.values().forEach(RaftServer::start);
    RaftServer<Long> leader = awaitLeader(servers);

    byte[] command = new byte[COMMAND_BYTES];
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<long[]> latencies = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(proposers);
    for (int p = 0; p < proposers; p++) {
      long[] samples = new long[2_000_000];
      latencies.add(samples);
      int slot = p;
      Thread.ofPlatform()
          .name("proposer-" + p)
          .start(
              () -> {
                int n = 0;
                try {
                  while (!stop.get()) {
                    long start = System.nanoTime();
                    leader.propose(command).get(10, TimeUnit.SECONDS);
                    if (measuring.get() && n < samples.length) {
                      samples[n++] = System.nanoTime() - start;
                    }
                  }
                } catch (Exception e) {
                  System.err.println("proposer " + slot + " failed: " + e);
                } finally {
                  if (n < samples.length) {
                    samples[n] = -1;
                  }
                  done.countDown();
                }
              });
    }
    pause(1_000); // warm up
    measuring.set(true);
    long start = System.nanoTime();
    pause(seconds * 1_000L);
    measuring.set(false);
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);

    long[] all =
        latencies.stream()
            .flatMapToLong(s -> Arrays.stream(s).takeWhile(v -> v > 0))
            .sorted()
            .toArray();
    double perSecond = all.length / (elapsed / 1e9);
    System.out.printf(
        "proposers=%d proposals/s=%.0f p50=%.2fms p99=%.2fms (n=%d)%n",
        proposers, perSecond, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, all.length);
    storages.forEach(
        (id, storage) -> {
          var fsyncs = storage.fsyncHistogram().summary();
          System.out.printf(
              "  %s fsyncs=%d p50=%.2fms p99=%.2fms%n",
              id, fsyncs.count(), fsyncs.p50Nanos() / 1e6, fsyncs.p99Nanos() / 1e6);
        });
    for (RaftServer<Long> server : servers.values()) {
      server.close();
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  private static RaftServer<Long> awaitLeader(Map<String, RaftServer<Long>> servers)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (RaftServer<Long> server : servers.values()) {
        if (server.status().role() == dev.raftpad.raft.core.RoleName.LEADER) {
          return server;
        }
      }
      pause(10);
    }
    throw new IOException("no leader elected in 10 s");
  }

  /** Benchmarks wait on the wall clock on purpose: they measure it. */
  private static void pause(long millis) {
    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }
}
