package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop installers that {@code -Pdist} builds (skipped without it): the jpackage app image
 * starts on a headless X server (Xvfb) and shows its window, and the .deb declares the packages
 * JavaFX needs.
 */
class AppImageIT {
  @TempDir Path work;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void appImageShowsItsWindowOnXvfb() throws Exception {
    Path image = Commands.pathProperty("raftpad.appImage");
    Path launcher = image.resolve("bin/Raftpad");
    assertThat(launcher).isExecutable();
    assertThat(Files.readString(image.resolve("lib/runtime/release"), StandardCharsets.UTF_8))
        .as("the jlink runtime holds the JavaFX modules")
        .containsPattern("MODULES=.*javafx\\.controls");
    requireTool("Xvfb", "xvfb");
    requireTool("xwininfo", "x11-utils");

    Process xvfb =
        new ProcessBuilder(
                "Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
            .redirectError(work.resolve("xvfb.log").toFile())
            .start();
    Process app = null;
    try {
      // Xvfb picks a free display and writes its number on fd 1 when it is ready.
      String display;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))) {
        display = ":" + out.readLine().strip();
      }
      ProcessBuilder builder =
          new ProcessBuilder(launcher.toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("app.log").toFile());
      builder.environment().put("DISPLAY", display);
      builder.environment().remove("WAYLAND_DISPLAY");
      app = builder.start();
      Process started = app;
      Commands.await(
          "a window titled Raftpad on " + display,
          90,
          () -> {
            if (!started.isAlive()) {
              throw new AssertionError("the app exited: " + log("app.log"));
            }
            return windows(display).contains("\"Raftpad\"");
          });
      app.destroy(); // SIGTERM: the JVM runs its shutdown hooks and exits
      assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app stops").isTrue();
    } finally {
      if (app != null) {
        app.destroyForcibly();
      }
      xvfb.destroy();
      xvfb.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void debDependsOnWhatJavaFxLinksAgainst() throws Exception {
    Path deb = Commands.pathProperty("raftpad.deb");
    assertThat(deb).isRegularFile();
    Commands.Result depends =
        Commands.run(work, Map.of(), 30, List.of("dpkg-deb", "-f", deb.toString(), "Depends"));
    assertThat(depends.exitCode()).as(depends.toString()).isZero();
    assertThat(depends.output()).contains("libgtk-3-0", "libgl1", "xdg-utils");
  }

  private String windows(String display) {
    try {
      return Commands.run(
              work, Map.of(), 30, List.of("xwininfo", "-display", display, "-root", "-tree"))
          .output();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private String log(String name) {
    try {
      return Files.readString(work.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no " + name + ")";
    }
  }

  private static void requireTool(String tool, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return;
      }
    }
    throw new AssertionError(
        tool
            + " is not installed: apt-get install "
            + debianPackage
            + " (needed by -Pdist verify)");
  }
}
