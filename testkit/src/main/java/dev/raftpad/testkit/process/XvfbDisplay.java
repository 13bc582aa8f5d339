package dev.raftpad.testkit.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A headless X server of its own (Xvfb) for tests that run real desktop processes: GTK windows, the
 * X clipboard. Xvfb picks a free display and says which once it is ready; {@link #close} stops it.
 */
public final class XvfbDisplay implements AutoCloseable {
  private final Process xvfb;
  private final String display;

  private XvfbDisplay(Process xvfb, String display) {
    this.xvfb = xvfb;
    this.display = display;
  }

  /**
   * Starts Xvfb with one 1280×800 screen; its messages go to {@code log}.
   *
   * @throws IOException if Xvfb cannot start or exits before naming its display
   */
  public static XvfbDisplay start(Path log) throws IOException {
    Process xvfb =
        new ProcessBuilder(
                "Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
            .redirectError(log.toFile())
            .start();
    // The display number arrives on fd 1 when the server accepts connections.
    String number;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))) {
      number = out.readLine();
    }
    if (number == null || number.isBlank()) {
      xvfb.destroyForcibly();
      throw new IOException("Xvfb did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new XvfbDisplay(xvfb, ":" + number.strip());
  }

  /** Whether {@code tool} is an executable on the PATH. */
  public static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether GTK 3, which JavaFX draws its windows with on Linux, is installed (ldconfig knows it).
   */
  public static boolean gtkInstalled() {
    try {
      Process ldconfig = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
      String libraries =
          new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return ldconfig.waitFor(30, TimeUnit.SECONDS) && libraries.contains("libgtk-3.so");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The value for {@code DISPLAY}, such as {@code :3}. */
  public String display() {
    return display;
  }

  /** Sets {@code DISPLAY} to this display (and no Wayland) for a process about to start. */
  public ProcessBuilder on(ProcessBuilder builder) {
    builder.environment().put("DISPLAY", display);
    builder.environment().remove("WAYLAND_DISPLAY");
    return builder;
  }

  @Override
  public void close() throws InterruptedException {
    xvfb.destroy();
    if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
      xvfb.destroyForcibly();
    }
  }
}
