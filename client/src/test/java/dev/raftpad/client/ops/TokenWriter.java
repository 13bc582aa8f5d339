package dev.raftpad.client.ops;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.document.op.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A writer on its own thread that types "[seq]" at the start of one document with unary submits
 * until stopped, for tests that must account for every acknowledged edit: each seq is sent until it
 * is acknowledged, retried on a transient failure with the same (client id, seq), which the server
 * applies at most once. {@link #acknowledged} never counts a seq the server has not confirmed, and
 * {@link #started} bounds every seq that can be in the document.
 */
final class TokenWriter {
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean writing = true;
  private final Thread thread;

  private TokenWriter(RaftpadClient client, String document) {
    this.thread =
        Thread.ofPlatform().name("writer-" + document).start(() -> write(client, document));
  }

  /** Starts writing into {@code document} through {@code client} (signed in). */
  static TokenWriter start(RaftpadClient client, String document) {
    return new TokenWriter(client, document);
  }

  /** The highest seq acknowledged so far (every seq up to it was). */
  long acknowledged() {
    return acknowledged.get();
  }

  /** The highest seq sent so far. */
  long started() {
    return started.get();
  }

  /** True, or an AssertionError with the writer's failure: for {@code Await} conditions. */
  boolean healthy() {
    if (failure.get() != null) {
      throw new AssertionError("a writer failed", failure.get());
    }
    return true;
  }

  /** Stops after the seq in flight and waits for the thread; throws the writer's failure. */
  void stop() throws InterruptedException {
    writing = false;
    thread.join();
    var unused = healthy();
  }

  private void write(RaftpadClient client, String document) {
    long base = 0;
    try {
      while (writing) {
        long seq = started.incrementAndGet();
        while (true) {
          try {
            base =
                client
                    .edits()
                    .submit(document, "writer", seq, base, Operation.insert(0, "[" + seq + "]"))
                    .revision();
            break;
          } catch (RaftpadException e) {
            if (!e.reason().isTransient()) {
              throw e;
            }
            // Same (client id, seq): the server applies it at most once.
          }
        }
        acknowledged.set(seq);
      }
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** The seqs of the tokens in {@code text}, in document order. */
  static List<Long> tokens(String text) {
    List<Long> seqs = new ArrayList<>();
    var matcher = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(text);
    while (matcher.find()) {
      seqs.add(Long.parseLong(matcher.group(1)));
    }
    return seqs;
  }

  /** {@code from}..{@code to}, both included. */
  static List<Long> range(long from, long to) {
    List<Long> all = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      all.add(i);
    }
    return all;
  }
}
