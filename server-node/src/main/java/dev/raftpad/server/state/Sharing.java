package dev.raftpad.server.state;

import dev.raftpad.proto.v1.AccessChangeRecord;
import dev.raftpad.proto.v1.AccessGrantRecord;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.ErrorReason;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Who may do what with a document: sharing with people, the link role and ownership — one part of
 * the replicated state, over the documents' access ({@link DocumentAccess}). Only the owner changes
 * access; an admin may transfer ownership (how an orphaned document is recovered, ADR 0011). A
 * change that changes nothing is applied as a no-op: nothing recorded, nothing announced.
 */
final class Sharing {
  /** How many access changes a document's history keeps (the newest). */
  static final int KEPT_CHANGES = 100;

  private final Documents documents;
  private final Predicate<String> userExists;
  private final Predicate<String> isAdmin;
  private final Consumer<Change> changes;

  Sharing(
      Documents documents,
      Predicate<String> userExists,
      Predicate<String> isAdmin,
      Consumer<Change> changes) {
    this.documents = documents;
    this.userExists = userExists;
    this.isAdmin = isAdmin;
    this.changes = changes;
  }

  CommandResult<DocumentAccess> change(ChangeAccessCommand c, long now) {
    String documentId = c.getDocumentId();
    if (!documents.isLive(documentId)) {
      return Refusals.notFound(documentId);
    }
    DocumentAccess before = documents.access(documentId);
    Role actor = before.roleOf(c.getUserId());
    DocumentAccess after;
    switch (c.getChangeCase()) {
      case GRANT -> {
        AccessGrantRecord grant = c.getGrant();
        if (!actor.atLeast(Role.OWNER)) {
          return Refusals.notAllowed(Role.OWNER, actor);
        }
        var refusal = this.<DocumentAccess>refuseUnknownOrOwner(grant.getUserId(), before);
        if (refusal != null) {
          return refusal;
        }
        after = before.withGrant(grant.getUserId(), Role.of(grant.getRole()));
      }
      case LINK_ROLE -> {
        if (!actor.atLeast(Role.OWNER)) {
          return Refusals.notAllowed(Role.OWNER, actor);
        }
        after = before.withLinkRole(Role.of(c.getLinkRole()));
      }
      case NEW_OWNER_USER_ID -> {
        if (!actor.atLeast(Role.OWNER) && !isAdmin.test(c.getUserId())) {
          return Refusals.notAllowed(Role.OWNER, actor);
        }
        String newOwner = c.getNewOwnerUserId();
        if (!userExists.test(newOwner)) {
          return unknownUser(newOwner);
        }
        after = newOwner.equals(before.ownerUserId()) ? before : before.transferredTo(newOwner);
      }
      default -> {
        return CommandResult.Refused.of(
            ErrorReason.ERROR_REASON_INVALID_FIELD, "an access change must say what changes");
      }
    }
    if (after.equals(before)) {
      return new CommandResult.Applied<>(before);
    }
    AccessChangeRecord.Builder record =
        AccessChangeRecord.newBuilder().setTimeMillis(now).setActorUserId(c.getUserId());
    switch (c.getChangeCase()) {
      case GRANT -> record.setGrant(c.getGrant());
      case LINK_ROLE -> record.setLinkRole(c.getLinkRole());
      default -> record.setNewOwnerUserId(c.getNewOwnerUserId());
    }
    AccessChangeRecord change = record.build();
    documents.changeAccess(documentId, after, change, KEPT_CHANGES, now);
    changes.accept(new Change.AccessChanged(documentId, before, after, change, now));
    return new CommandResult.Applied<>(after);
  }

  /** A grant names a user who does not exist, or the owner (whose access is not a grant). */
  private <T> CommandResult.Refused<T> refuseUnknownOrOwner(String userId, DocumentAccess access) {
    if (!userExists.test(userId)) {
      return unknownUser(userId);
    }
    if (userId.equals(access.ownerUserId())) {
      return new CommandResult.Refused<>(
          ErrorReason.ERROR_REASON_INVALID_FIELD,
          "the owner always has full access; transfer ownership to change it",
          Map.of("field", "username"));
    }
    return null;
  }

  private static <T> CommandResult.Refused<T> unknownUser(String userId) {
    return new CommandResult.Refused<>(
        ErrorReason.ERROR_REASON_USER_NOT_FOUND, "no such user", Map.of("user_id", userId));
  }
}
