package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.DocumentRole;
import java.util.List;
import java.util.Locale;

/** Roles as people read them: the one place the desktop names roles and link access. */
public final class Roles {
  /** The roles an owner can give someone, in the order a picker offers them. */
  public static final List<DocumentRole> GRANTABLE =
      List.of(DocumentRole.VIEWER, DocumentRole.COMMENTER, DocumentRole.EDITOR);

  /** What link access can be, in the order a picker offers it. */
  public static final List<DocumentRole> LINK_ROLES =
      List.of(DocumentRole.NONE, DocumentRole.VIEWER, DocumentRole.COMMENTER, DocumentRole.EDITOR);

  private Roles() {}

  public static String label(DocumentRole role) {
    return switch (role) {
      case NONE -> "No access";
      case VIEWER -> "Viewer";
      case COMMENTER -> "Commenter";
      case EDITOR -> "Editor";
      case OWNER -> "Owner";
    };
  }

  /** What anyone signed in may do, as the "General access" picker says it. */
  public static String linkLabel(DocumentRole role) {
    return switch (role) {
      case NONE -> "Restricted: only people with access";
      case VIEWER -> "Anyone signed in can view";
      case COMMENTER -> "Anyone signed in can comment";
      case EDITOR, OWNER -> "Anyone signed in can edit";
    };
  }

  /**
   * The sentence above an editor the user may not change; empty for a commenter (who suggests: the
   * mode control says so), an editor or an owner.
   *
   * @param owner the owner's name, to say whom to ask
   */
  public static String banner(DocumentRole role, String owner) {
    String ask = owner.isEmpty() ? "" : " Ask " + owner + " for edit access.";
    return switch (role) {
      case VIEWER -> "View only — you can read this document but not change it." + ask;
      case NONE -> "You no longer have access to this document.";
      case COMMENTER, EDITOR, OWNER -> "";
    };
  }

  /** Why the mode control is locked to Suggesting, for its tooltip; empty when it is not. */
  public static String suggestingOnly(DocumentRole role, String owner) {
    if (role.canEdit()) {
      return "";
    }
    String ask = owner.isEmpty() ? "" : " Ask " + owner + " for edit access.";
    return "As a commenter you can suggest changes and comment; an editor accepts them." + ask;
  }

  /** A role by its API name (VIEWER, EDITOR...), as error metadata carries it. */
  static DocumentRole named(String name) {
    try {
      return DocumentRole.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return DocumentRole.NONE;
    }
  }
}
