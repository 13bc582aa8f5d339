package dev.raftpad.server.state;

import dev.raftpad.proto.v1.AccessGrantRecord;
import dev.raftpad.proto.v1.DocumentRecord;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who may do what with one document: its owner, the people it is shared with and the role anyone
 * signed in has (the link role). Immutable; every change makes a new one.
 *
 * @param grants by user id, never the owner, never {@link Role#NONE} or {@link Role#OWNER}
 */
public record DocumentAccess(String ownerUserId, SortedMap<String, Role> grants, Role linkRole) {
  public DocumentAccess {
    grants = Collections.unmodifiableSortedMap(new TreeMap<>(grants));
  }

  /**
   * The access a document's record holds. A record written before access control (format version 3
   * and older) was open to every signed-in user, and stays so: its link role is editor (ADR 0011).
   */
  public static DocumentAccess of(DocumentRecord meta) {
    if (!meta.getAccessControlled()) {
      return new DocumentAccess(meta.getOwnerUserId(), new TreeMap<>(), Role.EDITOR);
    }
    TreeMap<String, Role> grants = new TreeMap<>();
    for (AccessGrantRecord grant : meta.getGrantsList()) {
      grants.put(grant.getUserId(), Role.of(grant.getRole()));
    }
    return new DocumentAccess(meta.getOwnerUserId(), grants, Role.of(meta.getLinkRole()));
  }

  /** A new document: only its owner. */
  static DocumentAccess ownedBy(String ownerUserId) {
    return new DocumentAccess(ownerUserId, new TreeMap<>(), Role.NONE);
  }

  public Role roleOf(String userId) {
    if (ownerUserId.equals(userId)) {
      return Role.OWNER;
    }
    return grants.getOrDefault(userId, Role.NONE).or(linkRole);
  }

  public boolean mayRead(String userId) {
    return roleOf(userId).atLeast(Role.VIEWER);
  }

  DocumentAccess withGrant(String userId, Role role) {
    TreeMap<String, Role> changed = new TreeMap<>(grants);
    if (role == Role.NONE) {
      changed.remove(userId);
    } else {
      changed.put(userId, role);
    }
    return new DocumentAccess(ownerUserId, changed, linkRole);
  }

  DocumentAccess withLinkRole(Role role) {
    return new DocumentAccess(ownerUserId, grants, role);
  }

  /** Owned by {@code newOwner}; the previous owner keeps editor access. */
  DocumentAccess transferredTo(String newOwner) {
    TreeMap<String, Role> changed = new TreeMap<>(grants);
    changed.remove(newOwner);
    changed.put(ownerUserId, Role.EDITOR);
    return new DocumentAccess(newOwner, changed, linkRole);
  }

  /** {@code meta} with this access written into it (and marked as access-controlled). */
  DocumentRecord writeTo(DocumentRecord meta) {
    DocumentRecord.Builder record =
        meta.toBuilder()
            .setAccessControlled(true)
            .setOwnerUserId(ownerUserId)
            .clearGrants()
            .setLinkRole(linkRole.toRecord());
    grants.forEach(
        (user, role) ->
            record.addGrants(
                AccessGrantRecord.newBuilder().setUserId(user).setRole(role.toRecord())));
    return record.build();
  }
}
