package dev.raftpad.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time that named processes used over one window (the load's measured seconds), from the
 * operating system's account of each process ({@link ProcessHandle.Info#totalCpuDuration}, all of
 * its threads, user and system). On a machine whose cores the servers and the generator share, a
 * throughput says little about a server on its own cores; its CPU per operation does.
 */
final class CpuWindow {
  private final Map<String, ProcessHandle> processes;
  private final Map<String, Duration> atStart = new LinkedHashMap<>();
  private final Map<String, Duration> used = new LinkedHashMap<>();
  private long startNanos;
  private long windowNanos;

  CpuWindow(Map<String, ProcessHandle> processes) {
    this.processes = Map.copyOf(processes);
  }

  void start() {
    startNanos = System.nanoTime();
    processes.forEach((name, process) -> atStart.put(name, cpu(process)));
  }

  void end() {
    windowNanos = System.nanoTime() - startNanos;
    processes.forEach(
        (name, process) ->
            used.put(name, cpu(process).minus(atStart.getOrDefault(name, Duration.ZERO))));
  }

  /** Whether both ends of the window were seen. */
  boolean complete() {
    return windowNanos > 0;
  }

  /** CPU seconds that {@code name} used in the window. */
  double seconds(String name) {
    return used.getOrDefault(name, Duration.ZERO).toNanos() / 1e9;
  }

  /** How many cores all the processes kept busy on average over the window. */
  double coresBusy() {
    long total = used.values().stream().mapToLong(Duration::toNanos).sum();
    return windowNanos == 0 ? 0 : (double) total / windowNanos;
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
