package dev.raftpad.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.view.EditorKeys.Os;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

/**
 * Which typed keys are text, per platform (the UI tests run on Linux only): a modifier types only
 * where the platform composes characters with it.
 */
class EditorKeysTest {
  static KeyEvent typed(String character, boolean control, boolean alt, boolean meta) {
    return new KeyEvent(
        KeyEvent.KEY_TYPED, character, "", KeyCode.UNDEFINED, false, control, alt, meta);
  }

  @Test
  void plainAndShiftedKeysTypeEverywhere() {
    for (Os os : Os.values()) {
      assertThat(EditorKeys.typesText(typed("f", false, false, false), os)).isTrue();
      assertThat(
              EditorKeys.typesText(
                  new KeyEvent(
                      KeyEvent.KEY_TYPED, "F", "", KeyCode.UNDEFINED, true, false, false, false),
                  os))
          .isTrue();
    }
  }

  @Test
  void ctrlAndMetaNeverType() {
    for (Os os : Os.values()) {
      assertThat(EditorKeys.typesText(typed("f", true, false, false), os))
          .as("Ctrl, %s", os)
          .isFalse();
      assertThat(EditorKeys.typesText(typed("f", false, false, true), os))
          .as("Meta, %s", os)
          .isFalse();
      assertThat(EditorKeys.typesText(typed("f", true, true, true), os))
          .as("all, %s", os)
          .isFalse();
    }
  }

  @Test
  void altGrTypesOnWindowsAndOptionOnMacOnly() {
    // AltGr+Q is "@" on a German keyboard; Windows reports AltGr as Ctrl+Alt.
    assertThat(EditorKeys.typesText(typed("@", true, true, false), Os.WINDOWS)).isTrue();
    assertThat(EditorKeys.typesText(typed("@", true, true, false), Os.OTHER)).isFalse();
    assertThat(EditorKeys.typesText(typed("@", true, true, false), Os.MAC)).isFalse();
    // Option+O is "ø" on macOS; Alt+F on Linux or Windows opens a menu, it types nothing.
    assertThat(EditorKeys.typesText(typed("ø", false, true, false), Os.MAC)).isTrue();
    assertThat(EditorKeys.typesText(typed("f", false, true, false), Os.OTHER)).isFalse();
    assertThat(EditorKeys.typesText(typed("f", false, true, false), Os.WINDOWS)).isFalse();
  }

  @Test
  void theCharacterAShortcutProducesIsNotTypedButTheNextKeyIs() {
    List<String> commands = new ArrayList<>();
    List<String> typed = new ArrayList<>();
    Region area = new Region();
    EditorKeys.install(area, commands::add, Os.WINDOWS);
    area.addEventHandler(KeyEvent.KEY_TYPED, e -> typed.add(e.getCharacter()));

    // Ctrl+Alt+2 is Heading 2, and on a German keyboard also AltGr+2, which types "²".
    Event.fireEvent(area, pressed(KeyCode.DIGIT2, true, true));
    Event.fireEvent(area, typed("²", true, true, false));
    // AltGr+Q is no shortcut: its "@" is typed.
    Event.fireEvent(area, pressed(KeyCode.Q, true, true));
    Event.fireEvent(area, typed("@", true, true, false));

    assertThat(commands).containsExactly("h2");
    assertThat(typed).containsExactly("@");
  }

  @Test
  void ctrlAltMCommentsOnTheSelection() {
    List<String> commands = new ArrayList<>();
    Region area = new Region();
    EditorKeys.install(area, commands::add, Os.OTHER);
    Event.fireEvent(area, pressed(KeyCode.M, true, true));
    assertThat(commands).containsExactly("comment");
  }

  static KeyEvent pressed(KeyCode code, boolean control, boolean alt) {
    return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, control, alt, false);
  }
}
