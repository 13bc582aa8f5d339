package dev.raftpad.server.backup;

import dev.raftpad.raft.core.Membership;
import java.time.Instant;
import java.util.Objects;

/**
 * What a backup file says about itself, in its text header.
 *
 * @param clusterId the cluster the backup was taken of
 * @param index the committed index whose state the backup holds
 * @param term the answering node's term when it captured the state (at least the term of the entry
 *     at {@code index})
 * @param membership voters and learners as of the backup (informational: a restore names the new
 *     cluster's members itself)
 * @param createdAt when the backup was taken, by the answering node's clock
 * @param stateBytes the size of the state (a {@code StateSnapshot} of {@code commands.proto})
 */
public record BackupHeader(
    String clusterId,
    long index,
    long term,
    Membership membership,
    Instant createdAt,
    long stateBytes) {
  public BackupHeader {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(createdAt, "createdAt");
    if (index < 1 || term < 1 || stateBytes < 0) {
      throw new IllegalArgumentException(
          "a backup needs index >= 1, term >= 1 and a state size >= 0");
    }
  }
}
