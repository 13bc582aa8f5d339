package dev.raftpad.document.sync;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Rebase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo of one's own operations only. Each entry is the inverse of a local operation; when
 * a remote operation arrives, every entry is transformed against it (newest first, as Quill's
 * history does), so undoing never reverts someone else's work.
 *
 * <p>Entries are kept as {@link Rebase}s: a remote edit elsewhere in the text moves an entry by a
 * number, without walking or rebuilding it. In a crowded document every remote keystroke passes
 * through the whole stack, and transforming each entry in full took a quarter of the CPU of a
 * client in a document with four other typists (a JFR profile of the load generator).
 */
final class UndoStack {
  /**
   * The default number of edits kept for undo, as in Quill's history: each remote operation is
   * transformed through every entry, so the depth bounds the cost of receiving one.
   */
  static final int DEFAULT_DEPTH = 100;

  private final Deque<Rebase> undo = new ArrayDeque<>();
  private final Deque<Rebase> redo = new ArrayDeque<>();
  private final int depth;

  UndoStack(int depth) {
    this.depth = depth;
  }

  /** How many edits it keeps. */
  int depth() {
    return depth;
  }

  /** Whether this stack keeps anything at all (a depth of 0 turns undo off). */
  boolean isEnabled() {
    return depth > 0;
  }

  /** Records the inverse of a new local edit; a new edit ends what could be redone. */
  void recordEdit(Operation inverse) {
    recordEdit(inverse, false);
  }

  /**
   * Records the inverse of a new local edit; with {@code continuesLast} it joins the newest entry,
   * so one undo takes back both (typing grouped by word, as word processors do). Whether an edit
   * continues the last is the editor's rule; here it is only kept. Remote edits transformed into
   * the newest entry meanwhile stay correct: the joined inverse undoes the new edit, then the rest.
   */
  void recordEdit(Operation inverse, boolean continuesLast) {
    Rebase newest = continuesLast ? undo.poll() : null;
    pushUndo(newest == null ? inverse : inverse.compose(newest.result()));
    redo.clear();
  }

  Optional<Operation> popUndo() {
    return Optional.ofNullable(undo.poll()).map(Rebase::result);
  }

  Optional<Operation> popRedo() {
    return Optional.ofNullable(redo.poll()).map(Rebase::result);
  }

  void pushUndo(Operation inverse) {
    push(undo, inverse);
  }

  void pushRedo(Operation inverse) {
    push(redo, inverse);
  }

  private void push(Deque<Rebase> stack, Operation inverse) {
    if (depth == 0) {
      return;
    }
    stack.push(new Rebase(inverse));
    if (stack.size() > depth) {
      stack.removeLast();
    }
  }

  boolean canUndo() {
    return !undo.isEmpty();
  }

  boolean canRedo() {
    return !redo.isEmpty();
  }

  /** Rewrites every entry to apply after {@code remote}, applied to the current document. */
  void transform(Operation remote) {
    transform(undo, remote);
    transform(redo, remote);
  }

  private static void transform(Deque<Rebase> stack, Operation remote) {
    Rebase change = new Rebase(remote);
    for (Rebase entry : stack) { // newest first
      Rebase changeBefore = change.copy();
      change.over(entry, false); // the remote edit, after this entry: entry.transform(change)
      entry.over(changeBefore, true); // this entry, after the remote edit: change.transform(entry)
    }
  }
}
