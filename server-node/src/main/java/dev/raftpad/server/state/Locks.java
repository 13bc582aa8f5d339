package dev.raftpad.server.state;

import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.LockDocumentCommand;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.UnlockDocumentCommand;
import dev.raftpad.proto.v1.UserRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Document locks as leases, judged against the leader-stamped time of each command so every replica
 * agrees when one ran out. One part of the replicated state; whether the document exists is the
 * documents' business, checked before a lock command gets here. A lock is stored (and snapshotted,
 * inside its document's record) until it is released, replaced, its session ends or its document is
 * purged — an expired one simply stops counting.
 */
final class Locks {
  private final TreeMap<String, LockRecord> byDocument = new TreeMap<>();
  private final Function<String, UserRecord> users;
  private final Consumer<Change> changes;

  /**
   * @param users to name a holder in a refusal
   * @param changes where acquiring and releasing are reported
   */
  Locks(Function<String, UserRecord> users, Consumer<Change> changes) {
    this.users = users;
    this.changes = changes;
  }

  /** Takes or renews (same user: the acquisition time is kept) the lock of a writable document. */
  CommandResult<LockRecord> lock(LockDocumentCommand c, long now) {
    LockRecord held = byDocument.get(c.getDocumentId());
    long acquired =
        held != null && held.getUserId().equals(c.getUserId()) ? held.getAcquiredAtMillis() : now;
    LockRecord lock =
        LockRecord.newBuilder()
            .setUserId(c.getUserId())
            .setSessionId(c.getSessionId())
            .setAcquiredAtMillis(acquired)
            .setExpiresAtMillis(now + c.getLeaseMillis())
            .build();
    byDocument.put(c.getDocumentId(), lock);
    changes.accept(new Change.LockAcquired(c.getDocumentId(), lock, now));
    return new CommandResult.Applied<>(lock);
  }

  /** Releases the caller's lock of an existing document. */
  CommandResult<String> unlock(UnlockDocumentCommand c, long now) {
    Optional<LockRecord> lock = live(c.getDocumentId(), now);
    if (lock.isEmpty()) {
      // Nobody holds it (released before, or the lease ran out): unlocking is idempotent, so a
      // retry after a lost answer succeeds instead of claiming the caller never held it.
      return new CommandResult.Applied<>(c.getDocumentId());
    }
    if (!lock.get().getUserId().equals(c.getUserId())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_NOT_LOCK_HOLDER, "you do not hold the lock on this document");
    }
    byDocument.remove(c.getDocumentId());
    changes.accept(new Change.LockReleased(c.getDocumentId(), c.getUserId(), now));
    return new CommandResult.Applied<>(c.getDocumentId());
  }

  /** The refusal of a write by {@code userId} while somebody else holds a live lock, if any. */
  <T> Optional<CommandResult.Refused<T>> refuseWrite(String documentId, String userId, long now) {
    return live(documentId, now)
        .filter(lock -> !lock.getUserId().equals(userId))
        .map(
            lock -> {
              UserRecord holder = users.apply(lock.getUserId());
              String name = holder == null ? lock.getUserId() : holder.getUsername();
              return new CommandResult.Refused<>(
                  ErrorReason.ERROR_REASON_DOCUMENT_LOCKED,
                  "the document is locked by " + name,
                  Map.of(
                      "holder",
                      name,
                      "expires_at",
                      Instant.ofEpochMilli(lock.getExpiresAtMillis()).toString()));
            });
  }

  /** Whether {@code userId} holds the document's lock, and it has not expired at {@code now}. */
  boolean isHeldBy(String documentId, String userId, long now) {
    return live(documentId, now).filter(lock -> lock.getUserId().equals(userId)).isPresent();
  }

  /** The document's lock if it has not expired at {@code now}. */
  Optional<LockRecord> live(String documentId, long now) {
    LockRecord lock = byDocument.get(documentId);
    return lock == null || lock.getExpiresAtMillis() <= now ? Optional.empty() : Optional.of(lock);
  }

  /** How many locks have not expired at {@code now}. */
  long liveCount(long now) {
    return byDocument.values().stream().filter(lock -> lock.getExpiresAtMillis() > now).count();
  }

  /**
   * Releases the document's live lock when its holder may no longer edit (their access changed),
   * announced like an unlock: a demoted editor must not keep others out.
   */
  void releaseUnlessEditor(String documentId, DocumentAccess access, long now) {
    live(documentId, now)
        .filter(lock -> !access.roleOf(lock.getUserId()).atLeast(Role.EDITOR))
        .ifPresent(
            lock -> {
              byDocument.remove(documentId);
              changes.accept(new Change.LockReleased(documentId, lock.getUserId(), now));
            });
  }

  /** A session's locks end with it (not announced). */
  void releaseSession(String sessionId) {
    byDocument.values().removeIf(lock -> lock.getSessionId().equals(sessionId));
  }

  /** A purged document's lock goes with it. */
  void forget(String documentId) {
    byDocument.remove(documentId);
  }

  /** {@code document} with its stored lock (live or not), as metadata and snapshots show it. */
  DocumentRecord attachTo(DocumentRecord document) {
    LockRecord lock = byDocument.get(document.getDocumentId());
    return lock == null ? document : document.toBuilder().setLock(lock).build();
  }

  void restore(StateSnapshot snapshot) {
    byDocument.clear();
    for (DocumentRecord document : snapshot.getDocumentsList()) {
      if (document.hasLock()) {
        byDocument.put(document.getDocumentId(), document.getLock());
      }
    }
  }
}
