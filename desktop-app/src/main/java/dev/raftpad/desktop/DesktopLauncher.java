package dev.raftpad.desktop;

import dev.raftpad.desktop.view.RaftpadApplication;
import dev.raftpad.desktop.view.TrainingRun;
import java.io.ObjectInputFilter;
import javafx.application.Application;

/**
 * Entry point. A main class that extends Application cannot be started from the class path, so this
 * plain class launches it.
 */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  public static void main(String[] args) {
    // JavaFX reads a custom clipboard format another program put there (Raftpad's own copied
    // passage) by trying Java deserialization first; Raftpad deserializes nothing, so no class is
    // ever let in and crafted clipboard bytes cannot run code.
    ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter("!*"));
    if (args.length == 1 && args[0].equals(TrainingRun.FLAG)) {
      // The packaging's run that records the AOT cache (TrainingRun), not a user's session.
      System.exit(TrainingRun.run());
    } else {
      Application.launch(RaftpadApplication.class, args);
    }
  }
}
