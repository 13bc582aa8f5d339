package dev.raftpad.client.cli;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.trace.ReplayResult;
import dev.raftpad.document.trace.TraceReader;
import dev.raftpad.document.trace.TraceReplayMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures: a trace replay (local) and a load test against the cluster. */
@Command(
    name = "bench",
    description = "Benchmarks that print figures.",
    subcommands = {BenchCommand.Trace.class, BenchCommand.Load.class})
final class BenchCommand {
  @Command(
      name = "trace",
      description = "Replay editing traces through the document engine (no cluster needed).")
  static final class Trace implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", description = "trace files (JSON; format in the traces README)")
    List<Path> traces;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      boolean allMatch = true;
      for (Path file : traces) {
        ReplayResult result = TraceReplayMain.replay(TraceReader.read(file));
        allMatch &= result.matchesEndContent();
        cli.output()
            .print(
                new Replayed(
                    result.trace(),
                    result.ops(),
                    result.millis(),
                    result.finalLength(),
                    result.matchesEndContent()),
                r ->
                    String.format(
                        "%s: %d ops in %d ms, %d code points, %s",
                        r.trace(),
                        r.ops(),
                        r.millis(),
                        r.length(),
                        r.matches() ? "matches the expected text" : "DOES NOT MATCH"));
      }
      return allMatch ? ExitCodes.OK : ExitCodes.REFUSED;
    }
  }

  record Replayed(String trace, int ops, long millis, int length, boolean matches) {}

  /** What {@code bench load} prints. */
  record LoadFigures(
      int editors,
      int documents,
      double opsPerSecond,
      double ackP50Millis,
      double ackP99Millis,
      double receiptP50Millis,
      double receiptP99Millis,
      long operations) {}

  @Command(
      name = "load",
      description =
          "N editors over M documents against the cluster: committed operations/s, and p50/p99"
              + " from submit to acknowledgement and to another client's receipt. Needs a signed-in"
              + " user whose password is given on stdin (each editor signs in on its own).")
  static final class Load implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--editors", defaultValue = "50")
    int editors;

    @Option(names = "--documents", defaultValue = "10")
    int documents;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      RaftpadClient admin = cli.signedIn();
      String username = admin.whoAmI().user().username();
      String password =
          Passwords.read(cli.runtime, passwordStdin, "Password for " + username + ": ");
      List<String> docs = new ArrayList<>();
      for (int d = 0; d < documents; d++) {
        docs.add(admin.documents().create("load " + d, "").id());
      }
      Map<String, Long> submittedAt = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> receipts = new ConcurrentLinkedQueue<>();
      AtomicBoolean measuring = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      EventStream watcher =
          admin.subscribe(
              docs,
              Map.of(),
              event -> {
                if (event instanceof RaftpadEvent.OperationCommitted op) {
                  Long start = submittedAt.remove(op.clientId() + "/" + op.clientSeq());
                  if (start != null && measuring.get()) {
                    receipts.add(System.nanoTime() - start);
                  }
                }
              });
      List<RaftpadClient> clients = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(editors);
      for (int e = 0; e < editors; e++) {
        RaftpadClient editor =
            RaftpadClient.connect(SeedAddresses.parse(cli.servers()), ClientOptions.defaults());
        editor.login(username, password, "bench-" + e);
        clients.add(editor);
        String clientId = "bench-" + e + "-" + System.nanoTime();
        String doc = docs.get(e % documents);
        Thread.ofPlatform()
            .start(
                () -> {
                  long seq = 0;
                  long base = 0;
                  try {
                    while (!stop.get()) {
                      seq++;
                      long start = System.nanoTime();
                      submittedAt.put(clientId + "/" + seq, start);
                      base =
                          editor
                              .edits()
                              .submit(doc, clientId, seq, base, Operation.insert(0, "x"))
                              .revision();
                      if (measuring.get()) {
                        acks.add(System.nanoTime() - start);
                      }
                    }
                  } catch (RuntimeException failure) {
                    cli.runtime.err.println(
                        "editor " + clientId + " stopped: " + failure.getMessage());
                  } finally {
                    done.countDown();
                  }
                });
      }
      pause(TimeUnit.SECONDS.toNanos(2)); // warm-up
      measuring.set(true);
      ProgressBar progress =
          new ProgressBar(cli.runtime.err, cli.runtime.terminal && !cli.json, "load");
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        pause(TimeUnit.MILLISECONDS.toNanos(200));
        long elapsed = System.nanoTime() - start;
        progress.show(
            elapsed, end - start, String.format("%.0f ops/s", acks.size() / (elapsed / 1e9)));
      }
      measuring.set(false);
      long elapsed = System.nanoTime() - start;
      progress.finish();
      stop.set(true);
      done.await(30, TimeUnit.SECONDS);
      watcher.close();
      clients.forEach(RaftpadClient::close);
      long[] ackNanos = sorted(acks);
      long[] receiptNanos = sorted(receipts);
      cli.output()
          .print(
              new LoadFigures(
                  editors,
                  documents,
                  ackNanos.length / (elapsed / 1e9),
                  percentile(ackNanos, 0.5),
                  percentile(ackNanos, 0.99),
                  percentile(receiptNanos, 0.5),
                  percentile(receiptNanos, 0.99),
                  ackNanos.length),
              f ->
                  String.format(
                      "editors=%d documents=%d ops/s=%.0f ack p50=%.2fms p99=%.2fms"
                          + " remote-receipt p50=%.2fms p99=%.2fms (%d operations)",
                      f.editors(),
                      f.documents(),
                      f.opsPerSecond(),
                      f.ackP50Millis(),
                      f.ackP99Millis(),
                      f.receiptP50Millis(),
                      f.receiptP99Millis(),
                      f.operations()));
      return ExitCodes.OK;
    }
  }

  private static long[] sorted(ConcurrentLinkedQueue<Long> values) {
    return values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }

  /** A benchmark waits on the wall clock on purpose: it measures it. */
  private static void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      LockSupport.parkNanos(until - System.nanoTime());
    }
  }
}
