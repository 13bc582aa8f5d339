package dev.raftpad.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Watches both logging systems of a node — slf4j/logback (ours) and java.util.logging (gRPC's and
 * Netty's) — for lines that carry a stack trace, from {@link #start()} until {@link #close()}. A
 * test of hostile input asserts that there are none.
 */
public final class LoggedStackTraces implements AutoCloseable {
  private final List<String> found = new ArrayList<>();
  private final AppenderBase<ILoggingEvent> ours =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          if (event.getThrowableProxy() != null) {
            record(event.getLoggerName() + ": " + event.getFormattedMessage());
          }
        }
      };
  private final Handler theirs =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getThrown() != null) {
            record(record.getLoggerName() + ": " + record.getMessage() + " " + record.getThrown());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LoggedStackTraces() {}

  /** Starts watching. */
  public static LoggedStackTraces start() {
    LoggedStackTraces watch = new LoggedStackTraces();
    watch.ours.start();
    root().addAppender(watch.ours);
    java.util.logging.Logger.getLogger("").addHandler(watch.theirs);
    return watch;
  }

  private synchronized void record(String line) {
    found.add(line);
  }

  /** The lines with a stack trace logged so far (message and exception, one entry each). */
  public synchronized List<String> lines() {
    return List.copyOf(found);
  }

  @Override
  public void close() {
    root().detachAppender(ours);
    java.util.logging.Logger.getLogger("").removeHandler(theirs);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
