package dev.raftpad.benchmarks.sync;

import dev.raftpad.benchmarks.BenchResult;
import dev.raftpad.benchmarks.Latencies;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.text.Document;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one client pays to take in a remote keystroke in a crowded document: a {@link SyncClient}
 * whose user made {@code --own-edits} edits (each its own undo entry, spread over the text) takes
 * remote one-character inserts at random places, in revision order, for {@code --seconds}. Two
 * lines: with the default undo depth (every entry is carried past each remote keystroke) and with
 * undo off, so the undo stack's share is their difference.
 */
@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    description = "A client taking remote keystrokes, with and without a full undo stack.")
public final class ReceiveBenchmark implements Callable<Integer> {
  /** SyncClient's default undo depth (the desktop app's). */
  static final int DEFAULT_UNDO_DEPTH = 100;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per line.")
  double seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds before measuring.")
  double warmupSeconds;

  @Option(
      names = "--document",
      defaultValue = "20000",
      description = "Code points in the document.")
  int documentLength;

  @Option(
      names = "--own-edits",
      defaultValue = "100",
      description = "The client's own edits before it receives (its undo entries).")
  int ownEdits;

  @Override
  public Integer call() {
    for (int depth : new int[] {DEFAULT_UNDO_DEPTH, 0}) {
      Duration warmup = Duration.ofMillis((long) (warmupSeconds * 1000));
      Duration measured = Duration.ofMillis((long) (seconds * 1000));
      System.out.println(run(documentLength, ownEdits, depth, warmup, measured).toJson());
    }
    return 0;
  }

  /** One line: a client with {@code undoDepth} taking remote keystrokes for {@code measured}. */
  public static BenchResult run(
      int documentLength, int ownEdits, int undoDepth, Duration warmup, Duration measured) {
    Random random = new Random(1);
    Document start = Document.empty().apply(Operation.insert(0, "x".repeat(documentLength)));
    SyncClient client = new SyncClient("reader", start, 0, out -> {}, undoDepth);
    long revision = 0;
    for (int i = 0; i < ownEdits; i++) {
      // Each of the user's words somewhere else, confirmed at once: the stack holds them all.
      client.edit(Operation.insert(random.nextInt(client.document().length()), "word "));
      revision++;
      var unused = client.onCommitted(revision, "reader", i + 1, lastSent(client));
    }
    Latencies latencies = new Latencies();
    long warmupEnd = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < warmupEnd) {
      revision = receive(client, random, revision, latencies);
    }
    latencies.reset();
    long operations = 0;
    long begin = System.nanoTime();
    long end = begin + measured.toNanos();
    while (System.nanoTime() < end) {
      revision = receive(client, random, revision, latencies);
      operations++;
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    return BenchResult.builder("receive")
        .param("document", documentLength)
        .param("own_edits", ownEdits)
        .param("undo_depth", undoDepth)
        .param("seconds", measured.toMillis() / 1000.0)
        .latencies(operations, elapsed, latencies.interval())
        .figure("us_per_op", Math.round(elapsed * 1e8 / operations) / 100.0)
        .build();
  }

  /** One remote keystroke at a random place; returns the new revision. */
  private static long receive(
      SyncClient client, Random random, long revision, Latencies latencies) {
    Operation keystroke = Operation.insert(random.nextInt(client.document().length()), "r");
    long began = System.nanoTime();
    var unused = client.onCommitted(revision + 1, "writer", revision + 1, keystroke);
    latencies.recordSince(began);
    return revision + 1;
  }

  /** The operation the client has in flight, which the server then commits as it is. */
  private static Operation lastSent(SyncClient client) {
    return client.inFlight().orElseThrow().operation();
  }
}
