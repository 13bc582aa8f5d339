package dev.raftpad.desktop.view;

import javafx.application.Platform;

/**
 * Runs an action once on the FX thread after the current turn, however often it is asked for in
 * that turn. The overlays drawn from the area's character bounds use it: during a text replace
 * RichTextFX's cells do not match the paragraphs yet and asking for bounds throws, and several
 * changes in one turn should draw once.
 */
final class AfterPulse {
  private final Runnable action;
  private boolean pending;

  AfterPulse(Runnable action) {
    this.action = action;
  }

  /** Runs the action after this turn, unless a run is already waiting (FX thread only). */
  void request() {
    if (pending) {
      return;
    }
    pending = true;
    Platform.runLater(
        () -> {
          pending = false;
          action.run();
        });
  }
}
