package dev.raftpad.server.status;

import dev.raftpad.raft.storage.FsyncHistogram;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The storage's fsync figures over about the last minute, for {@code GetClusterStatus}: a disk that
 * was slow an hour ago should not make today's p99. It keeps the histogram's bucket counts as they
 * were at each of the last {@link #STEPS} ticks and subtracts the oldest from the current ones.
 */
public final class FsyncWindow implements Runnable {
  /** How often {@link #run} should be called. */
  public static final Duration TICK = Duration.ofSeconds(10);

  /** Ticks kept: the window is between 50 and 60 seconds long once the node has run a minute. */
  static final int STEPS = 6;

  private final FsyncHistogram fsyncs;
  private final ArrayDeque<FsyncHistogram.Counts> marks = new ArrayDeque<>();

  public FsyncWindow(FsyncHistogram fsyncs) {
    this.fsyncs = fsyncs;
    marks.add(fsyncs.counts());
  }

  /** One tick: remembers the counts now, forgets those older than the window. */
  @Override
  public synchronized void run() {
    marks.addLast(fsyncs.counts());
    while (marks.size() > STEPS) {
      marks.removeFirst();
    }
  }

  /** The fsyncs since the oldest mark kept (since the node started, in its first minute). */
  public synchronized FsyncHistogram.Summary summary() {
    return fsyncs.summarySince(marks.peekFirst());
  }
}
