package dev.raftpad.desktop;

import dev.raftpad.desktop.view.RaftpadApplication;
import javafx.application.Application;

/**
 * Entry point. A main class that extends Application cannot be started from the class path, so this
 * plain class launches it.
 */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  public static void main(String[] args) {
    Application.launch(RaftpadApplication.class, args);
  }
}
