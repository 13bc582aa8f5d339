package dev.raftpad.client.sdk.model;

/**
 * A user's role on a document, weakest first; each may do what the weaker ones may. A viewer reads
 * (the document, its history, who is in it); a commenter will comment and suggest (not yet: for now
 * a viewer); an editor edits, renames, locks and restores; the owner shares and deletes.
 */
public enum DocumentRole {
  /** No access (as a link role: only the people it is shared with). */
  NONE,
  VIEWER,
  COMMENTER,
  EDITOR,
  OWNER;

  public boolean atLeast(DocumentRole required) {
    return compareTo(required) >= 0;
  }

  /** Whether this role may change the document's text, title, lock or history. */
  public boolean canEdit() {
    return atLeast(EDITOR);
  }

  /** Whether this role may change who has access. */
  public boolean canShare() {
    return this == OWNER;
  }
}
