package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.model.AccessChange;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.User;
import java.util.Locale;

/** Roles and access changes as words: the one place the CLI phrases them. */
final class AccessText {
  private AccessText() {}

  static String role(DocumentRole role) {
    return role == DocumentRole.NONE ? "no access" : role.name().toLowerCase(Locale.ROOT);
  }

  /** What anyone signed in may do, as a phrase. */
  static String linkAccess(DocumentRole role) {
    return switch (role) {
      case NONE -> "only people it is shared with";
      case VIEWER -> "anyone signed in can view";
      case COMMENTER -> "anyone signed in can comment";
      case EDITOR, OWNER -> "anyone signed in can edit";
    };
  }

  /** A change as a sentence about "it" (the document), e.g. "ada shared it with grace (editor)". */
  static String change(AccessChange change) {
    String actor = change.actor().username();
    String subject = change.subject().map(User::username).orElse("?");
    return switch (change.kind()) {
      case SHARED -> actor + " shared it with " + subject + " (" + role(change.role()) + ")";
      case UNSHARED -> actor + " removed " + subject + "'s access";
      case LINK_ACCESS -> actor + " set link access: " + linkAccess(change.role());
      case OWNERSHIP_TRANSFERRED -> actor + " made " + subject + " the owner";
    };
  }
}
