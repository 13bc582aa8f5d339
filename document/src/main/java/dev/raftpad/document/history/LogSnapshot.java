package dev.raftpad.document.history;

import dev.raftpad.document.op.Operation;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link DocumentLog}'s whole state as plain values, for the server's Raft snapshots: it maps
 * field by field onto protobuf, and {@link DocumentLog#fromSnapshot} rebuilds an identical log.
 * Deterministic: the same log always gives an equal snapshot.
 *
 * @param oldestRetained the oldest retained revision
 * @param content the content at {@code oldestRetained}, as an operation of inserts only
 * @param revisions every retained revision after it, oldest first
 * @param clientMarks exactly-once entries that refer to compacted revisions (each client's newest),
 *     sorted by client id
 * @param names the named revisions
 */
public record LogSnapshot(
    long oldestRetained,
    Operation content,
    List<Revision> revisions,
    List<ClientMark> clientMarks,
    NavigableMap<Long, String> names) {

  /** Copies the collections. */
  public LogSnapshot {
    revisions = List.copyOf(revisions);
    clientMarks = List.copyOf(clientMarks);
    names = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(names));
  }

  /**
   * That a client's operation with sequence number {@code clientSeq} became {@code revision}.
   *
   * @param clientId the client
   * @param clientSeq its sequence number
   * @param revision the revision it became
   */
  public record ClientMark(String clientId, long clientSeq, long revision) {}
}
