package dev.raftpad.desktop.view;

import java.util.Set;
import javafx.scene.control.TextInputControl;

/**
 * A menu command (or its shortcut) while the keyboard is in a text field other than the document —
 * the find box, a comment, the AI prompt. The field's own editing commands act on the field, and a
 * command that edits or formats the document does nothing: Ctrl+B in a comment box must not bold
 * the document's selection behind it. Commands about the window (find, zoom, help) run as usual.
 */
final class FocusedField {
  private static final Set<String> WINDOW_COMMANDS =
      Set.of(
          "find",
          "replace",
          "find-next",
          "find-previous",
          "zoom-in",
          "zoom-out",
          "zoom-reset",
          "shortcuts");

  private FocusedField() {}

  /** Whether {@code field} took command {@code name}: ran it, or kept it from the document. */
  static boolean took(TextInputControl field, String name) {
    switch (name) {
      case "cut" -> field.cut();
      case "copy" -> field.copy();
      case "paste", "paste-plain" -> field.paste();
      case "select-all" -> field.selectAll();
      case "undo" -> field.undo();
      case "redo" -> field.redo();
      default -> {
        return !WINDOW_COMMANDS.contains(name);
      }
    }
    return true;
  }
}
