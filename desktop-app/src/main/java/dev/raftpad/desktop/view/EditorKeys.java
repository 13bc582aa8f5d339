package dev.raftpad.desktop.view;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * What keys do in the editor besides typing: the shortcuts become commands, and a key combination
 * with Ctrl, Alt or Meta never types text (Ctrl+F is no "f"), except where the platform composes
 * characters with them: AltGr, which Windows reports as Ctrl+Alt, and Option on macOS.
 */
final class EditorKeys {
  /** Which platform's modifiers compose characters. */
  enum Os {
    WINDOWS,
    MAC,
    OTHER;

    static Os current() {
      String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MAC : OTHER;
    }
  }

  private static final Map<KeyCombination, String> SHORTCUTS =
      Map.ofEntries(
          Map.entry(combo(KeyCode.B), "bold"),
          Map.entry(combo(KeyCode.I), "italic"),
          Map.entry(combo(KeyCode.U), "underline"),
          Map.entry(comboShift(KeyCode.X), "strikethrough"),
          Map.entry(combo(KeyCode.E), "code"),
          Map.entry(comboAlt(KeyCode.DIGIT1), "h1"),
          Map.entry(comboAlt(KeyCode.DIGIT2), "h2"),
          Map.entry(comboAlt(KeyCode.DIGIT3), "h3"),
          Map.entry(comboAlt(KeyCode.M), "comment"),
          Map.entry(comboShift(KeyCode.DIGIT8), "bullets"),
          Map.entry(comboShift(KeyCode.DIGIT7), "numbers"),
          Map.entry(comboShift(KeyCode.DIGIT9), "quote"),
          Map.entry(combo(KeyCode.Z), "undo"),
          Map.entry(comboShift(KeyCode.Z), "redo"),
          Map.entry(combo(KeyCode.Y), "redo"),
          // Issue 22, as in Google Docs.
          Map.entry(combo(KeyCode.BACK_SLASH), "clear-formatting"),
          Map.entry(combo(KeyCode.CLOSE_BRACKET), "indent"),
          Map.entry(combo(KeyCode.OPEN_BRACKET), "outdent"),
          Map.entry(comboShift(KeyCode.L), "align-left"),
          Map.entry(comboShift(KeyCode.E), "align-center"),
          Map.entry(comboShift(KeyCode.R), "align-right"),
          Map.entry(comboShift(KeyCode.J), "align-justify"));

  private final Consumer<String> command;
  private final Os os;

  /**
   * The key press was a shortcut: the character it may still produce (Ctrl+Alt+2 is "²" with AltGr
   * on a German keyboard) is not typed.
   */
  private boolean shortcutPressed;

  private EditorKeys(Consumer<String> command, Os os) {
    this.command = command;
    this.os = os;
  }

  /** Runs {@code command} with a shortcut's name ("bold", "undo"...) and filters typed keys. */
  static void install(Node area, Consumer<String> command) {
    install(area, command, Os.current());
  }

  /** As on {@code os}, whichever platform this runs on. */
  static void install(Node area, Consumer<String> command, Os os) {
    EditorKeys keys = new EditorKeys(command, os);
    area.addEventFilter(KeyEvent.KEY_PRESSED, keys::pressed);
    area.addEventFilter(KeyEvent.KEY_TYPED, keys::typed);
  }

  private void pressed(KeyEvent event) {
    shortcutPressed = false;
    for (var entry : SHORTCUTS.entrySet()) {
      if (entry.getKey().match(event)) {
        command.accept(entry.getValue());
        event.consume();
        shortcutPressed = true;
        return;
      }
    }
  }

  private void typed(KeyEvent event) {
    if (shortcutPressed || !typesText(event, os)) {
      event.consume();
    }
    shortcutPressed = false;
  }

  /** Whether a KEY_TYPED event is text the user means to type on {@code os}. */
  static boolean typesText(KeyEvent typed, Os os) {
    if (typed.isMetaDown()) {
      return false;
    }
    if (typed.isControlDown()) {
      return typed.isAltDown() && os == Os.WINDOWS;
    }
    if (typed.isAltDown()) {
      return os == Os.MAC;
    }
    return true;
  }

  private static KeyCombination combo(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
  }

  private static KeyCombination comboShift(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
  }

  private static KeyCombination comboAlt(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN);
  }
}
