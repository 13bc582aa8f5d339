package dev.raftpad.server.status;

import dev.raftpad.proto.v1.ClusterStatus;
import dev.raftpad.raft.storage.FsyncHistogram;
import dev.raftpad.server.wire.Timestamps;
import java.time.Duration;

/**
 * The answering node's own figures in a cluster status: its fsync p99 (the storage's histogram,
 * since the node started and over the last minute, {@link FsyncWindow}) and its view of elections
 * and leadership ({@link Leadership}).
 */
public final class NodeHealth {
  private final FsyncHistogram fsyncs;
  private final FsyncWindow lastMinute;
  private final Leadership leadership;

  public NodeHealth(FsyncHistogram fsyncs, FsyncWindow lastMinute, Leadership leadership) {
    this.fsyncs = fsyncs;
    this.lastMinute = lastMinute;
    this.leadership = leadership;
  }

  /** Fills the health fields of {@code status}. Any thread. */
  public void writeTo(ClusterStatus.Builder status) {
    FsyncHistogram.Summary summary = fsyncs.summary();
    status.setFsyncs(summary.count()).setFsyncP99Millis(summary.p99Nanos() / 1e6);
    FsyncHistogram.Summary recent = lastMinute.summary();
    status.setFsyncsLastMinute(recent.count()).setFsyncP99MillisLastMinute(recent.p99Nanos() / 1e6);
    leadership
        .lastElection()
        .ifPresent(at -> status.setLastElectionAt(Timestamps.ofMillis(at.toEpochMilli())));
    leadership.leaderUptime().ifPresent(uptime -> status.setLeaderUptime(duration(uptime)));
  }

  private static com.google.protobuf.Duration duration(Duration value) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(value.getSeconds())
        .setNanos(value.getNano())
        .build();
  }
}
