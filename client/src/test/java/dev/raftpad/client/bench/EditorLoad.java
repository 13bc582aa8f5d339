package dev.raftpad.client.bench;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.document.op.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The steady editing load of the failover benchmark: each editor is its own {@link RaftpadClient}
 * with the SDK's default options (so its retry and redirect rules are what is measured), typing one
 * token at a time with {@code edits().submit} and a short pause. Every acknowledgement goes to the
 * {@link AckLog} with the node that answered it: after a successful write the SDK's leader is the
 * node that took it, and each editor has a client of its own.
 */
final class EditorLoad implements AutoCloseable {
  private final AckLog acks;
  private final long pauseNanos;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  EditorLoad(AckLog acks, long pauseMillis) {
    this.acks = acks;
    this.pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
  }

  /** Starts one editor typing into {@code documentId}; the load owns (and closes) the client. */
  void start(String name, RaftpadClient client, String documentId) {
    threads.add(Thread.ofPlatform().name(name).start(() -> type(name, client, documentId)));
  }

  private void type(String name, RaftpadClient client, String documentId) {
    try (client) {
      String clientId = name + "-" + Long.toHexString(System.nanoTime());
      long revision = 0;
      for (long seq = 1; running; seq++) {
        Operation insert = Operation.insert(0, "<" + name + "-" + seq + ">");
        try {
          revision = client.edits().submit(documentId, clientId, seq, revision, insert).revision();
          acks.add(System.nanoTime(), client.leader().orElse("?"));
        } catch (RaftpadException e) {
          // A whole call (30 s) failed: count it, and go on with the next edit.
          failures.computeIfAbsent(e.reason().name(), k -> new AtomicInteger()).incrementAndGet();
        }
        LockSupport.parkNanos(pauseNanos);
      }
    }
  }

  /** Calls that failed for good, by reason. */
  Map<String, AtomicInteger> failures() {
    return failures;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(40));
    }
  }
}
