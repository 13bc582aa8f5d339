package dev.raftpad.desktop.view;

import java.util.List;
import java.util.Locale;
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

  /** A shortcut: the command it runs, what it does in words, and its keys. */
  record Shortcut(String command, String description, KeyCombination keys) {
    /** The keys as the platform writes them ("Ctrl+B", "⌘B"). */
    String keysText() {
      return keys.getDisplayText();
    }
  }

  /**
   * Every shortcut of the editor, in the order the shortcuts sheet lists them: the one place a
   * command meets its keys (the menu bar's accelerators and Help → Keyboard shortcuts read it).
   */
  static final List<Shortcut> SHORTCUTS =
      List.of(
          new Shortcut("undo", "Undo your last edit", combo(KeyCode.Z)),
          new Shortcut("redo", "Redo", comboShift(KeyCode.Z)),
          new Shortcut("redo", "Redo", combo(KeyCode.Y)),
          new Shortcut("cut", "Cut", combo(KeyCode.X)),
          new Shortcut("copy", "Copy", combo(KeyCode.C)),
          new Shortcut("paste", "Paste", combo(KeyCode.V)),
          new Shortcut("paste-plain", "Paste without formatting", comboShift(KeyCode.V)),
          // The older keys, which the text area would otherwise take as its own plain copy.
          new Shortcut("copy", "Copy", combo(KeyCode.INSERT)),
          new Shortcut("cut", "Cut", shift(KeyCode.DELETE)),
          new Shortcut("paste", "Paste", shift(KeyCode.INSERT)),
          new Shortcut("select-all", "Select all", combo(KeyCode.A)),
          new Shortcut("context-menu", "Open the context menu", shift(KeyCode.F10)),
          new Shortcut("context-menu", "Open the context menu", plain(KeyCode.CONTEXT_MENU)),
          new Shortcut("find", "Find", combo(KeyCode.F)),
          new Shortcut("replace", "Find and replace", combo(KeyCode.H)),
          new Shortcut("find-next", "Next match", plain(KeyCode.F3)),
          new Shortcut("find-previous", "Previous match", shift(KeyCode.F3)),
          new Shortcut("bold", "Bold", combo(KeyCode.B)),
          new Shortcut("italic", "Italic", combo(KeyCode.I)),
          new Shortcut("underline", "Underline", combo(KeyCode.U)),
          new Shortcut("strikethrough", "Strikethrough", comboShift(KeyCode.X)),
          new Shortcut("code", "Code", combo(KeyCode.E)),
          new Shortcut("link", "Insert link", combo(KeyCode.K)),
          new Shortcut("h1", "Heading 1", comboAlt(KeyCode.DIGIT1)),
          new Shortcut("h2", "Heading 2", comboAlt(KeyCode.DIGIT2)),
          new Shortcut("h3", "Heading 3", comboAlt(KeyCode.DIGIT3)),
          new Shortcut("bullets", "Bulleted list", comboShift(KeyCode.DIGIT8)),
          new Shortcut("numbers", "Numbered list", comboShift(KeyCode.DIGIT7)),
          new Shortcut("quote", "Quote", comboShift(KeyCode.DIGIT9)),
          new Shortcut("comment", "Comment on the selection", comboAlt(KeyCode.M)),
          // Issue 22's formatting, as in Google Docs.
          new Shortcut("clear-formatting", "Clear formatting", combo(KeyCode.BACK_SLASH)),
          new Shortcut("indent", "Indent", combo(KeyCode.CLOSE_BRACKET)),
          new Shortcut("outdent", "Outdent", combo(KeyCode.OPEN_BRACKET)),
          new Shortcut("align-left", "Align left", comboShift(KeyCode.L)),
          new Shortcut("align-center", "Centre", comboShift(KeyCode.E)),
          new Shortcut("align-right", "Align right", comboShift(KeyCode.R)),
          new Shortcut("align-justify", "Justify", comboShift(KeyCode.J)),
          new Shortcut("zoom-in", "Zoom in", combo(KeyCode.EQUALS)),
          new Shortcut("zoom-out", "Zoom out", combo(KeyCode.MINUS)),
          new Shortcut("zoom-reset", "Zoom to 100 %", combo(KeyCode.DIGIT0)),
          new Shortcut("print", "Print", combo(KeyCode.P)),
          new Shortcut("shortcuts", "Keyboard shortcuts", combo(KeyCode.SLASH)));

  /** The first keys of {@code command} (for a menu item's accelerator), if it has any. */
  static java.util.Optional<KeyCombination> keysOf(String command) {
    return SHORTCUTS.stream()
        .filter(s -> s.command().equals(command))
        .map(Shortcut::keys)
        .findFirst();
  }

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
    for (Shortcut shortcut : SHORTCUTS) {
      if (shortcut.keys().match(event)) {
        command.accept(shortcut.command());
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

  private static KeyCombination plain(KeyCode code) {
    return new KeyCodeCombination(code);
  }

  private static KeyCombination shift(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHIFT_DOWN);
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
