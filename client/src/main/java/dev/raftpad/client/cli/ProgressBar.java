package dev.raftpad.client.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn in place; silent when nobody watches (no a
 * terminal (or output is JSON), so scripts and logs stay clean.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;

  ProgressBar(PrintWriter err, boolean enabled, String label) {
    this.err = err;
    this.enabled = enabled;
    this.label = label;
  }

  void show(long done, long total, String detail) {
    if (!enabled || total <= 0) {
      return;
    }
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + (done * 100 / total)
            + "% "
            + detail
            + "   ");
    err.flush();
  }

  void finish() {
    if (enabled) {
      err.println();
      err.flush();
    }
  }
}
