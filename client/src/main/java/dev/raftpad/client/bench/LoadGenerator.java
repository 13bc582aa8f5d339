package dev.raftpad.client.bench;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The one load generator: N editors spread over M fresh documents, each typing one character at a
 * time as fast as its acknowledgements come back, and one watcher subscribed to every document. It
 * measures committed operations/s, submit → acknowledgement latency, and submit → receipt at
 * another client (the watcher). {@code raftpad bench load} runs it against a real cluster; {@code
 * InProcessLoadBenchmark} (client tests) against three nodes in one JVM. Asserts nothing.
 */
public final class LoadGenerator {
  /**
   * How much load, for how long. The warm-up is typed but not measured (JIT, connections).
   *
   * @param sessions editors type through a {@code DocumentSession}, as the desktop app does (its
   *     edit channel, and every editor receives the document's operations); otherwise each
   *     operation is one SubmitOperation call, as a script's would be
   * @param watchers people who only read: streams of one document each, spread over the documents,
   *     signed in as accounts of their own ({@link Watchers})
   * @param typingRate operations per second per editor, like a person typing; 0 = as fast as
   *     acknowledgements come back
   */
  public record Settings(
      int editors,
      int documents,
      Duration warmUp,
      Duration measured,
      boolean sessions,
      int watchers,
      double typingRate,
      boolean spread) {
    public Settings {
      if (editors < 1 || documents < 1) {
        throw new IllegalArgumentException("needs at least one editor and one document");
      }
      if (warmUp.isNegative() || measured.isNegative() || measured.isZero()) {
        throw new IllegalArgumentException("the measured time must be positive");
      }
      if (watchers < 0 || typingRate < 0) {
        throw new IllegalArgumentException("watchers and the typing rate cannot be negative");
      }
      if (spread && !sessions) {
        throw new IllegalArgumentException(SPREAD_NEEDS_SESSIONS);
      }
    }

    /** The rule on {@link #spread}, as the command lines that take the flags say it. */
    public static final String SPREAD_NEEDS_SESSIONS =
        "--spread needs --sessions: a session knows where its line is now";

    /** How many editors share the busiest document. */
    int editorsPerDocument() {
      return (editors + documents - 1) / documents;
    }

    /** Editors typing as fast as they are acknowledged, no watchers besides the owner. */
    public Settings(
        int editors, int documents, Duration warmUp, Duration measured, boolean sessions) {
      this(editors, documents, warmUp, measured, sessions, 0, 0, false);
    }
  }

  /**
   * What one run measured; latencies in milliseconds. Remote receipt is submit → arrival at the
   * owner's stream of every document, and at every watcher's; {@code missed} counts operations some
   * watcher never received (must be 0). {@code mode} is "sessions" or "unary" ({@link
   * Settings#sessions()}).
   */
  public record Figures(
      String mode,
      int editors,
      int documents,
      int watchers,
      double typingRate,
      double measuredSeconds,
      double opsPerSecond,
      double ackP50Millis,
      double ackP99Millis,
      double ackMaxMillis,
      double receiptP50Millis,
      double receiptP99Millis,
      double receiptMaxMillis,
      long operations,
      long receipts,
      long missed) {
    /** One line a person reads. */
    public String describe() {
      return String.format(
          "%s editors=%d documents=%d watchers=%d typing=%s ops/s=%.0f"
              + " ack p50=%.2fms p99=%.2fms max=%.2fms"
              + " remote-receipt p50=%.2fms p99=%.2fms max=%.2fms"
              + " (%d operations, %d receipts, %d missed)",
          mode,
          editors,
          documents,
          watchers,
          typingRate == 0 ? "unpaced" : typingRate + "/s",
          opsPerSecond,
          ackP50Millis,
          ackP99Millis,
          ackMaxMillis,
          receiptP50Millis,
          receiptP99Millis,
          receiptMaxMillis,
          operations,
          receipts,
          missed);
    }
  }

  /** Told what happens while the load runs; every method may be left out. */
  public interface Observer {
    /** About five times a second while measuring. */
    default void progress(Duration elapsed, Duration total, double opsPerSecond) {}

    /** An editor stopped typing early: its last call failed for good. */
    default void editorStopped(String editor, RuntimeException failure) {}

    /**
     * The measured window begins ({@code true}, the warm-up is over) or ends ({@code false}), so
     * that a caller can measure something else over exactly that window (e.g. processes' CPU).
     */
    default void measuring(boolean started) {}

    /** Says on standard error which editor stopped and why; nothing else (the benchmarks). */
    static Observer stoppedEditorsToStandardError() {
      return new Observer() {
        @Override
        public void editorStopped(String editor, RuntimeException failure) {
          System.err.println(editor + " stopped: " + failure);
        }
      };
    }
  }

  private static final long STOP_GRACE_SECONDS = 30;

  /** How long the watchers get, after the run, to receive the last operations. */
  private static final long CATCH_UP_SECONDS = 30;

  private final Settings settings;
  private final Observer observer;
  private final Map<Sent, Long> submittedAt = new ConcurrentHashMap<>();

  /** One operation of the load, by who sent it: the key of its send time. */
  private record Sent(String clientId, long clientSeq) {}

  private final Histogram acks = new ConcurrentHistogram(3);
  private final Histogram receipts = new ConcurrentHistogram(3);
  private final AtomicBoolean measuring = new AtomicBoolean();
  private final AtomicBoolean stop = new AtomicBoolean();

  private LoadGenerator(Settings settings, Observer observer) {
    this.settings = settings;
    this.observer = observer;
  }

  /**
   * Runs the load and returns its figures.
   *
   * @param owner a signed-in client: creates the documents and watches them
   * @param signInEditor a new signed-in client for editor {@code i} (one session each, rate limited
   *     as a real user's would be); closed when the run ends
   * @param signInWatcherAccount a new signed-in client of watcher account {@code k}, another user
   *     than the owner (used only with watchers); closed when the run ends
   */
  public static Figures run(
      Settings settings,
      RaftpadClient owner,
      IntFunction<RaftpadClient> signInEditor,
      IntFunction<RaftpadClient> signInWatcherAccount,
      Observer observer)
      throws InterruptedException {
    return new LoadGenerator(settings, observer).run(owner, signInEditor, signInWatcherAccount);
  }

  private Figures run(
      RaftpadClient owner,
      IntFunction<RaftpadClient> signInEditor,
      IntFunction<RaftpadClient> signInWatcherAccount)
      throws InterruptedException {
    List<String> docs = new ArrayList<>();
    for (int d = 0; d < settings.documents(); d++) {
      // With spread, one empty line per editor: each types at the end of its own.
      String lines = settings.spread() ? "\n".repeat(settings.editorsPerDocument()) : "";
      docs.add(owner.documents().create("load " + d, lines).id());
    }
    List<RaftpadClient> editors = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(settings.editors());
    try (EventStream watcher = owner.subscribe(docs, Map.of(), this::received);
        Watchers watchers =
            new Watchers(
                settings.watchers(), docs, owner, signInWatcherAccount, this::latencyNanos)) {
      for (int e = 0; e < settings.editors(); e++) {
        RaftpadClient editor = signInEditor.apply(e);
        editors.add(editor);
        String clientId = "load-" + e + "-" + System.nanoTime();
        String doc = docs.get(e % docs.size());
        int line = e / docs.size(); // this editor's place among its document's editors
        Thread.ofPlatform()
            .name(clientId)
            .start(
                () -> {
                  if (settings.sessions()) {
                    typeInSession(editor, clientId, doc, line, done);
                  } else {
                    type(editor, clientId, doc, done);
                  }
                });
      }
      pause(settings.warmUp().toNanos());
      measuring.set(true);
      observer.measuring(true);
      long start = System.nanoTime();
      long total = settings.measured().toNanos();
      while (System.nanoTime() - start < total) {
        pause(Math.min(TimeUnit.MILLISECONDS.toNanos(200), total - (System.nanoTime() - start)));
        long elapsed = System.nanoTime() - start;
        observer.progress(
            Duration.ofNanos(elapsed), settings.measured(), acks.getTotalCount() / (elapsed / 1e9));
      }
      measuring.set(false);
      observer.measuring(false);
      long elapsed = System.nanoTime() - start;
      stop.set(true);
      done.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      Map<String, Long> heads = new HashMap<>();
      for (String doc : docs) {
        heads.put(doc, owner.documents().info(doc).revision());
      }
      // The watchers' streams may still be delivering the last operations: what one has not
      // received once they all had time to catch up is missed, not late.
      long catchUpDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CATCH_UP_SECONDS);
      while (watchers.missed(heads) > 0 && System.nanoTime() < catchUpDeadline) {
        pause(TimeUnit.MILLISECONDS.toNanos(100));
      }
      Watchers.Seen seen = watchers.seen(heads);
      receipts.add(seen.receipts());
      return new Figures(
          settings.sessions() ? "sessions" : "unary",
          settings.editors(),
          settings.documents(),
          settings.watchers(),
          settings.typingRate(),
          elapsed / 1e9,
          acks.getTotalCount() / (elapsed / 1e9),
          millis(acks, 50),
          millis(acks, 99),
          maxMillis(acks),
          millis(receipts, 50),
          millis(receipts, 99),
          maxMillis(receipts),
          acks.getTotalCount(),
          receipts.getTotalCount(),
          seen.missed());
    } finally {
      stop.set(true);
      editors.forEach(RaftpadClient::close);
    }
  }

  private void type(RaftpadClient editor, String clientId, String doc, CountDownLatch done) {
    long seq = 0;
    long base = 0;
    Pacer pacer = new Pacer();
    try {
      while (!stop.get()) {
        pacer.awaitNext();
        seq++;
        long start = System.nanoTime();
        boolean measured = measuring.get();
        if (measured) {
          submittedAt.put(new Sent(clientId, seq), start);
        }
        base = editor.edits().submit(doc, clientId, seq, base, Operation.insert(0, "x")).revision();
        if (measured) {
          acks.recordValue(System.nanoTime() - start);
        }
      }
    } catch (RuntimeException failure) {
      if (!stop.get()) {
        observer.editorStopped(clientId, failure);
      }
    } finally {
      done.countDown();
    }
  }

  /**
   * Types like a user of the desktop app: one character, then waits until it is confirmed. At the
   * start of the document, or with {@link Settings#spread} at the end of line {@code line}, where
   * it is now (others' typing moves it).
   */
  private void typeInSession(
      RaftpadClient editor, String name, String doc, int line, CountDownLatch done) {
    try (DocumentSession session = editor.openDocument(doc)) {
      Pacer pacer = new Pacer();
      while (!stop.get()) {
        pacer.awaitNext();
        long start = System.nanoTime();
        int at = settings.spread() ? endOfLine(session.document(), line) : 0;
        long seq = session.localEdit(Operation.insert(at, "x"));
        boolean measured = measuring.get();
        if (measured) {
          submittedAt.put(new Sent(session.clientId(), seq), start);
        }
        if (!session.awaitSynchronized(Duration.ofSeconds(STOP_GRACE_SECONDS))) {
          throw new IllegalStateException("not confirmed within " + STOP_GRACE_SECONDS + " s");
        }
        if (measured) {
          acks.recordValue(System.nanoTime() - start);
        }
      }
    } catch (RuntimeException failure) {
      if (!stop.get()) {
        observer.editorStopped(name, failure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  /** Where line {@code line} ends (before its line break). */
  private static int endOfLine(Document document, int line) {
    return document.lineStart(line + 1) - 1;
  }

  private void received(RaftpadEvent event) {
    long nanos = latencyNanos(event);
    if (nanos >= 0) {
      receipts.recordValue(nanos);
    }
  }

  /** Submit → now of an operation typed while measuring, or -1. */
  private long latencyNanos(RaftpadEvent event) {
    if (event instanceof RaftpadEvent.OperationCommitted op) {
      Long start = submittedAt.get(new Sent(op.clientId(), op.clientSeq()));
      if (start != null) {
        return System.nanoTime() - start;
      }
    }
    return -1;
  }

  /** An editor's typing pace: {@link Settings#typingRate()} operations a second, or unpaced. */
  private final class Pacer {
    private long next = System.nanoTime();

    void awaitNext() {
      if (settings.typingRate() > 0) {
        pause(next - System.nanoTime());
        next += (long) (1e9 / settings.typingRate());
      }
    }
  }

  private static double maxMillis(Histogram histogram) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
  }

  private static double millis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0
        ? Double.NaN
        : histogram.getValueAtPercentile(percentile) / 1e6;
  }

  /** A benchmark waits on the wall clock on purpose: it measures it. */
  private static void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    while (until - System.nanoTime() > 0) {
      LockSupport.parkNanos(until - System.nanoTime());
    }
  }
}
