package dev.raftpad.server.metrics;

import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.spi.Storage;
import dev.raftpad.raft.storage.FsyncHistogram;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/** The Raft storage's figures: log sync latency, fsyncs, snapshot sizes and durations. */
public final class StorageMetrics {
  /** Where a stored snapshot came from. */
  enum SnapshotOrigin {
    /** This node's own state, written in the background. */
    TAKEN,
    /** Sent by the leader and installed. */
    INSTALLED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final double NANOS_PER_SECOND = 1e9;

  private final Histogram syncSeconds;
  private final Histogram snapshotSeconds;
  private final Histogram snapshotBytes;

  StorageMetrics(PrometheusRegistry registry) {
    syncSeconds =
        Histogram.builder()
            .name("raftpad_raft_storage_sync_seconds")
            .help(
                "Time to make a batch of log entries and the hard state durable (write-out and"
                    + " fsync); every commit waits for one")
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024,
                2.048)
            .register(registry);
    snapshotSeconds =
        Histogram.builder()
            .name("raftpad_raft_snapshot_write_seconds")
            .help("Time to store a snapshot durably, by origin (taken here, or installed)")
            .labelNames("origin")
            .classicOnly()
            .classicExponentialUpperBounds(0.01, 2, 12)
            .register(registry);
    snapshotBytes =
        Histogram.builder()
            .name("raftpad_raft_snapshot_size_bytes")
            .help("Size of each snapshot stored, by origin (taken here, or installed)")
            .labelNames("origin")
            .classicOnly()
            .classicExponentialUpperBounds(4096, 4, 12)
            .register(registry);
  }

  /** Wraps the node's storage so the runtime's calls are measured. */
  public Storage measure(Storage storage) {
    return new MeasuredStorage(storage, this);
  }

  /**
   * Also exports the storage's own fsync figures (every fsync: log, directories, hard state,
   * snapshots), which it keeps as count, median, p99 and max since it opened.
   */
  public void observe(FsyncHistogram fsyncs, PrometheusRegistry registry) {
    CounterWithCallback.builder()
        .name("raftpad_raft_fsyncs_total")
        .help("fsync calls of the Raft storage since the node started")
        .callback(callback -> callback.call((double) fsyncs.count()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("raftpad_raft_fsync_latency_seconds")
        .help(
            "fsync latency of the Raft storage since the node started: p50, p99 and max (for"
                + " windows, use raftpad_raft_storage_sync_seconds)")
        .labelNames("stat")
        .callback(
            callback -> {
              FsyncHistogram.Summary summary = fsyncs.summary();
              callback.call(summary.p50Nanos() / NANOS_PER_SECOND, "p50");
              callback.call(summary.p99Nanos() / NANOS_PER_SECOND, "p99");
              callback.call(summary.maxNanos() / NANOS_PER_SECOND, "max");
            })
        .register(registry);
  }

  void synced(long nanos) {
    syncSeconds.observe(nanos / NANOS_PER_SECOND);
  }

  void snapshotStored(SnapshotOrigin origin, Snapshot snapshot, long startNanos) {
    snapshotSeconds
        .labelValues(origin.label())
        .observe((System.nanoTime() - startNanos) / NANOS_PER_SECOND);
    snapshotBytes.labelValues(origin.label()).observe(snapshot.data().length);
  }
}
