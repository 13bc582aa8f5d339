package dev.raftpad.server.backup;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.spi.StateMachine;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Takes backups of a running node without touching the raft module: a linearizable read captures
 * the state machine's image on the Raft loop (so it holds every write committed before the backup
 * was asked for, and is exactly the state at one committed index), and the image is encoded later,
 * off the loop, by whoever streams it.
 */
public final class BackupSource {
  private final RaftServer<?> raft;
  private final AppliedCommands<?> machine;
  private final Clock clock;

  public BackupSource(RaftServer<?> raft, AppliedCommands<?> machine, Clock clock) {
    this.raft = raft;
    this.machine = machine;
    this.clock = clock;
  }

  /**
   * Captures the state once every write committed before this call is applied here. Completes on
   * the Raft loop thread: do nothing slow in a continuation (encode with {@link Capture#encode} on
   * another thread).
   */
  public CompletableFuture<Capture> capture() {
    return raft.read(
        () -> {
          var status = raft.status();
          return new Capture(
              raft.clusterId(),
              // The bootstrap entry is at 1: a cluster that applied no command has the empty state
              // there.
              Math.max(1, machine.lastIndex()),
              Math.max(1, status.term()),
              status.membership(),
              clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
              machine.snapshot());
        });
  }

  /** A state captured on the loop, not yet encoded. */
  public record Capture(
      String clusterId,
      long index,
      long term,
      Membership membership,
      Instant createdAt,
      StateMachine.Image image) {

    /** Encodes the state into a backup file; slow for a big state, so never on the loop. */
    public BackupFile encode() {
      byte[] state = image.encode();
      return new BackupFile(
          new BackupHeader(clusterId, index, term, membership, createdAt, state.length), state);
    }
  }
}
