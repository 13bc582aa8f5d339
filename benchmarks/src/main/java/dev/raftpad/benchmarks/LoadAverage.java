package dev.raftpad.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, to be printed next to every figure. */
public final class LoadAverage {
  private static final Path PROC = Path.of("/proc/loadavg");

  private LoadAverage() {}

  /** The 1-minute load average ({@code /proc/loadavg}, else the JVM's view; -1 if unknown). */
  public static double oneMinute() {
    String[] parts = proc();
    if (parts != null) {
      return Double.parseDouble(parts[0]);
    }
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The whole {@code /proc/loadavg} line (1, 5, 15 minutes, ...), or the 1-minute figure. */
  public static String line() {
    try {
      return Files.readString(PROC).trim();
    } catch (IOException | RuntimeException e) {
      return String.valueOf(oneMinute());
    }
  }

  private static String[] proc() {
    try {
      return Files.readString(PROC).trim().split("\\s+");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
