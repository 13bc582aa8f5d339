package dev.raftpad.server.wire;

import dev.raftpad.proto.v1.AccessChange;
import dev.raftpad.proto.v1.AccessChangeRecord;
import dev.raftpad.proto.v1.AccessEntry;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.User;
import dev.raftpad.server.state.DocumentAccess;
import dev.raftpad.server.state.Role;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Document access as clients see it: the one mapping between the state's roles and the API's. */
public final class AccessWire {
  private AccessWire() {}

  public static DocumentRole role(Role role) {
    return switch (role) {
      case NONE -> DocumentRole.DOCUMENT_ROLE_UNSPECIFIED;
      case VIEWER -> DocumentRole.DOCUMENT_ROLE_VIEWER;
      case COMMENTER -> DocumentRole.DOCUMENT_ROLE_COMMENTER;
      case EDITOR -> DocumentRole.DOCUMENT_ROLE_EDITOR;
      case OWNER -> DocumentRole.DOCUMENT_ROLE_OWNER;
    };
  }

  /** A role a client sent; {@link Role#NONE} for UNSPECIFIED and for a number this node lacks. */
  public static Role role(DocumentRole role) {
    return switch (role) {
      case DOCUMENT_ROLE_VIEWER -> Role.VIEWER;
      case DOCUMENT_ROLE_COMMENTER -> Role.COMMENTER;
      case DOCUMENT_ROLE_EDITOR -> Role.EDITOR;
      case DOCUMENT_ROLE_OWNER -> Role.OWNER;
      case DOCUMENT_ROLE_UNSPECIFIED, UNRECOGNIZED -> Role.NONE;
    };
  }

  /**
   * @param users a user as others see them
   * @param yours the role of whoever receives it
   */
  public static dev.raftpad.proto.v1.DocumentAccess access(
      String documentId, DocumentAccess access, Function<String, User> users, Role yours) {
    var wire =
        dev.raftpad.proto.v1.DocumentAccess.newBuilder()
            .setDocumentId(documentId)
            .setOwner(users.apply(access.ownerUserId()))
            .setLinkRole(role(access.linkRole()))
            .setYourRole(role(yours));
    List<AccessEntry> people =
        access.grants().entrySet().stream()
            .map(
                grant ->
                    AccessEntry.newBuilder()
                        .setUser(users.apply(grant.getKey()))
                        .setRole(role(grant.getValue()))
                        .build())
            .sorted(Comparator.comparing(entry -> entry.getUser().getUsername()))
            .toList();
    return wire.addAllPeople(people).build();
  }

  public static AccessChange change(AccessChangeRecord record, Function<String, User> users) {
    AccessChange.Builder change =
        AccessChange.newBuilder()
            .setTime(Timestamps.ofMillis(record.getTimeMillis()))
            .setActor(users.apply(record.getActorUserId()));
    switch (record.getChangeCase()) {
      case GRANT -> {
        User subject = users.apply(record.getGrant().getUserId());
        Role granted = Role.of(record.getGrant().getRole());
        if (granted == Role.NONE) {
          change.setUnshared(subject);
        } else {
          change.setShared(AccessEntry.newBuilder().setUser(subject).setRole(role(granted)));
        }
      }
      case LINK_ROLE -> change.setLinkRole(role(Role.of(record.getLinkRole())));
      case NEW_OWNER_USER_ID -> change.setNewOwner(users.apply(record.getNewOwnerUserId()));
      case CHANGE_NOT_SET -> {}
    }
    return change.build();
  }
}
