package dev.raftpad.server.state;

import dev.raftpad.proto.v1.AccessRole;

/**
 * A user's role on a document, weakest first: each may do what the weaker ones may. The owner is
 * the document's {@code owner_user_id}; the others are grants (or the document's link role).
 */
public enum Role {
  NONE,
  VIEWER,
  COMMENTER,
  EDITOR,
  OWNER;

  public boolean atLeast(Role required) {
    return compareTo(required) >= 0;
  }

  /** The stronger of the two. */
  Role or(Role other) {
    return atLeast(other) ? this : other;
  }

  public static Role of(AccessRole record) {
    return switch (record) {
      case ACCESS_ROLE_VIEWER -> VIEWER;
      case ACCESS_ROLE_COMMENTER -> COMMENTER;
      case ACCESS_ROLE_EDITOR -> EDITOR;
      case ACCESS_ROLE_NONE, UNRECOGNIZED -> NONE;
    };
  }

  /** The disk form of a role below owner. */
  public AccessRole toRecord() {
    return switch (this) {
      case VIEWER -> AccessRole.ACCESS_ROLE_VIEWER;
      case COMMENTER -> AccessRole.ACCESS_ROLE_COMMENTER;
      case EDITOR -> AccessRole.ACCESS_ROLE_EDITOR;
      case NONE -> AccessRole.ACCESS_ROLE_NONE;
      case OWNER -> throw new IllegalArgumentException("ownership is not a grant");
    };
  }
}
