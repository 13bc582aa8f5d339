package dev.raftpad.server.api;

import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.Lock;
import dev.raftpad.proto.v1.LockRecord;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.DocumentAccess;
import dev.raftpad.server.wire.AccessWire;
import dev.raftpad.server.wire.Timestamps;

/** Document metadata as clients see it: owner and lock resolved to users, trash times included. */
final class DocumentInfos {
  private DocumentInfos() {}

  /**
   * The info of {@code meta} with its head revision and length, as {@code userId} sees it (their
   * role). A lock whose lease ran out by {@code nowMillis} is shown as no lock: it no longer
   * refuses anybody's edits.
   */
  static DocumentInfo of(CollabState state, DocumentRecord meta, long nowMillis, String userId) {
    DocumentAccess kept = state.access(meta.getDocumentId()); // read once, when it changed
    DocumentAccess access = kept != null ? kept : DocumentAccess.of(meta);
    var log = state.documentLogIncludingDeleted(meta.getDocumentId());
    DocumentInfo.Builder info =
        DocumentInfo.newBuilder()
            .setDocumentId(meta.getDocumentId())
            .setTitle(meta.getTitle())
            .setCreatedAt(Timestamps.ofMillis(meta.getCreatedAtMillis()))
            .setUpdatedAt(Timestamps.ofMillis(meta.getUpdatedAtMillis()))
            .setRevision(log.headRevision())
            .setLength(log.headLength())
            .setDeleted(meta.getDeleted())
            .setYourRole(AccessWire.role(access.roleOf(userId)))
            .setLinkRole(AccessWire.role(access.linkRole()));
    UserRecord owner = state.user(meta.getOwnerUserId());
    if (owner != null) {
      info.setOwner(AccountGrpcService.user(owner));
    }
    if (meta.hasLock() && meta.getLock().getExpiresAtMillis() > nowMillis) {
      info.setLock(lock(state, meta.getDocumentId(), meta.getLock()));
    }
    if (meta.getDeleted()) {
      info.setPurgeAt(
          Timestamps.ofMillis(meta.getDeletedAtMillis() + CollabState.TRASH_RETENTION_MILLIS));
    }
    return info.build();
  }

  static Lock lock(CollabState state, String documentId, LockRecord record) {
    Lock.Builder lock =
        Lock.newBuilder()
            .setDocumentId(documentId)
            .setAcquiredAt(Timestamps.ofMillis(record.getAcquiredAtMillis()))
            .setExpiresAt(Timestamps.ofMillis(record.getExpiresAtMillis()));
    UserRecord holder = state.user(record.getUserId());
    if (holder != null) {
      lock.setHolder(AccountGrpcService.user(holder));
    }
    return lock.build();
  }
}
