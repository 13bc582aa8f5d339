package dev.raftpad.desktop.view;

import javafx.css.PseudoClass;
import javafx.scene.control.ButtonBase;

/** What the toolbars share: a button shown pressed while its format is on at the caret. */
final class Toolbars {
  /** Drawn by raftpad.css ({@code .editor-toolbar .button:on}). */
  private static final PseudoClass ON = PseudoClass.getPseudoClass("on");

  private Toolbars() {}

  /** Shows {@code button} pressed (its format is on where the caret is) or not. */
  static void pressed(ButtonBase button, boolean on) {
    button.pseudoClassStateChanged(ON, on);
  }

  /** Whether {@code button} is shown pressed. */
  static boolean isPressed(ButtonBase button) {
    return button.getPseudoClassStates().contains(ON);
  }
}
