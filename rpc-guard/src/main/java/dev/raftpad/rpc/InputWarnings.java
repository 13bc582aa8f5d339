package dev.raftpad.rpc;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-line warnings about bad client input, at most one per interval; the lines in between are
 * counted and the count goes into the next line. Whatever a client sends, the log grows by a
 * bounded number of short lines — never a stack trace, which would make the log a lever for anyone
 * who can connect.
 */
public final class InputWarnings {
  private static final Logger log = LoggerFactory.getLogger(InputWarnings.class);

  private static final int MAX_LINE = 300;

  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final Sink sink;
  private long nextAllowed;
  private long suppressed;
  private boolean first = true;

  /** Where a warning line goes; the log in production. */
  @FunctionalInterface
  public interface Sink {
    void warn(String line);
  }

  public InputWarnings(LongSupplier nanoClock, long interval, TimeUnit unit, Sink sink) {
    this.nanoClock = nanoClock;
    this.intervalNanos = unit.toNanos(interval);
    this.sink = sink;
  }

  /** Ten seconds between lines, to the log. */
  public static InputWarnings toLog() {
    return new InputWarnings(System::nanoTime, 10, TimeUnit.SECONDS, log::warn);
  }

  /**
   * Reports one bad input; written now, or counted into the next line that is. The text is cut to
   * one short line of printable characters, since parts of it may come from the client.
   */
  public void warn(String what) {
    String oneLine = printable(what);
    String line;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (!first && now - nextAllowed < 0) {
        suppressed++;
        return;
      }
      first = false;
      nextAllowed = now + intervalNanos;
      line =
          suppressed == 0
              ? oneLine
              : oneLine + " (and " + suppressed + " more bad requests since the last warning)";
      suppressed = 0;
    }
    sink.warn(line);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LINE));
    text.codePoints()
        .limit(MAX_LINE)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return text.codePointCount(0, text.length()) > MAX_LINE ? out + "…" : out.toString();
  }
}
