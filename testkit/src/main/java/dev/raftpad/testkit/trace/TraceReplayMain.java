package dev.raftpad.testkit.trace;

import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import dev.raftpad.testkit.trace.EditingTrace.Sequential;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The trace replay benchmark: {@code ./mvnw -q -pl testkit exec:java -Dexec.args="FILE..."}. Prints
 * one JSON line per trace: {@code {"trace", "ops", "millis", "final_length", "final_sha256"}}.
 * Sequential traces go through the server-side log, concurrent ones through simulated clients and a
 * server log. Exits with status 1 when a replay does not end with the trace's endContent (reported
 * on stderr).
 *
 * <p>{@code millis} is the steady-state time of one replay: each trace is first replayed {@code
 * -Draftpad.replay.warmup=N} times untimed (default 2) so the JIT compiler has done its work, as it
 * has on a long-running server, then the heap is collected. {@code -Draftpad.replay.warmup=0}
 * measures a cold JVM.
 */
public final class TraceReplayMain {
  private TraceReplayMain() {}

  /** Replays every trace file named on the command line. */
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 0) {
      System.err.println("usage: TraceReplayMain TRACE.json[.gz]...");
      System.exit(2);
    }
    int warmup = Integer.getInteger("raftpad.replay.warmup", 2);
    boolean allMatch = true;
    for (String file : args) {
      EditingTrace trace = TraceReader.read(Path.of(file));
      for (int i = 0; i < warmup; i++) {
        replay(trace);
      }
      // Start the timed replay on a clean heap, so it does not pay for the warm-ups' garbage.
      System.gc();
      ReplayResult result = replay(trace);
      out.println(result.toJson());
      if (!result.matchesEndContent()) {
        System.err.println(result.trace() + ": the replay did not end with endContent");
        allMatch = false;
      }
    }
    if (!allMatch) {
      System.exit(1);
    }
  }

  /**
   * Replays one trace and measures it (the benchmark's only clock reading). Resolving a concurrent
   * trace to character identities ({@link ConcurrentReplay#prepare}) is preparation, like parsing,
   * and not timed.
   */
  public static ReplayResult replay(EditingTrace trace) {
    ConcurrentReplay.Prepared prepared =
        trace instanceof Concurrent concurrent ? ConcurrentReplay.prepare(concurrent) : null;
    long start = System.nanoTime();
    String text =
        switch (trace) {
          case Sequential sequential -> SequentialReplay.replay(sequential).head().text();
          case Concurrent concurrent -> ConcurrentReplay.replay(prepared, 1).serverText();
        };
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new ReplayResult(
        trace.name(), trace.patchCount(), millis, text, text.equals(trace.endContent()));
  }
}
