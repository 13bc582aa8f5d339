package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.testkit.process.XvfbDisplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop installers that {@code -Pdist} builds (skipped without it): the jpackage app image
 * starts on a headless X server (Xvfb) and shows its window; both carry the icon, the .deb a
 * desktop entry, the project's version and the packages JavaFX needs; with {@code
 * -Draftpad.installDeb=true} (CI, as root) the .deb is installed, started and removed.
 */
class AppImageIT {
  @TempDir Path work;

  /** The AOT cache's file in the image's lib/app. */
  private static final String AOT_CACHE = "raftpad.aot";

  /** The JVM's environment when it must start from the image's AOT cache or not at all. */
  private static final Map<String, String> ONLY_WITH_THE_CACHE =
      Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");

  /** Where the .deb installs the app (jpackage: /opt/PACKAGE-NAME). */
  private static final Path INSTALLED = Path.of("/opt/raftpad-desktop");

  /** Where the package's scripts register the desktop entry (xdg-desktop-menu, system mode). */
  private static final Path MENU_ENTRY =
      Path.of("/usr/share/applications/raftpad-desktop-Raftpad.desktop");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void appImageShowsItsWindowOnXvfb() throws Exception {
    Path image = Commands.pathProperty("raftpad.appImage");
    assertThat(Files.readString(image.resolve("lib/runtime/release"), StandardCharsets.UTF_8))
        .as("the jlink runtime holds the JavaFX modules")
        .containsPattern("MODULES=.*javafx\\.controls");
    showsItsWindow(image.resolve("bin/Raftpad"));
  }

  /**
   * The image carries the AOT cache its training run recorded (record-aot-cache.sh) and its
   * launcher starts from it: with {@code -XX:AOTMode=on} a JVM that cannot map the cache (a stale
   * or foreign one) refuses to start instead of quietly starting without it.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void appImageStartsFromTheAotCacheItsTrainingRunRecorded() throws Exception {
    Path image = Commands.pathProperty("raftpad.appImage");
    assertThat(image.resolve("lib/runtime/bin/java"))
        .as("the runtime keeps the java command, which writes the cache")
        .isExecutable();
    assertThat(image.resolve("lib/app/" + AOT_CACHE)).isNotEmptyFile();
    assertThat(Files.readString(image.resolve("lib/app/Raftpad.cfg"), StandardCharsets.UTF_8))
        .contains("java-options=-XX:AOTCache=$APPDIR/" + AOT_CACHE);
    showsItsWindow(image.resolve("bin/Raftpad"), ONLY_WITH_THE_CACHE);
  }

  @Test
  void theAppImageAndTheDebCarryTheIconADesktopEntryAndTheProjectsVersion() throws Exception {
    Path image = Commands.pathProperty("raftpad.appImage");
    assertThat(image.resolve("lib/Raftpad.png")).isRegularFile();
    Path deb = Commands.pathProperty("raftpad.deb");
    Commands.Result contents =
        Commands.run(work, Map.of(), 30, List.of("dpkg-deb", "-c", deb.toString()));
    assertThat(contents.output())
        .contains(
            "./opt/raftpad-desktop/bin/Raftpad",
            "./opt/raftpad-desktop/lib/Raftpad.png",
            "./opt/raftpad-desktop/lib/raftpad-desktop-Raftpad.desktop");
    Commands.Result version =
        Commands.run(work, Map.of(), 30, List.of("dpkg-deb", "-f", deb.toString(), "Version"));
    // jpackage's numeric version is derived from the project's (build-helper in the dist profile).
    assertThat(version.output().strip())
        .isEqualTo(System.getProperty("raftpad.projectVersion").replace("-SNAPSHOT", ""));
  }

  /**
   * The .deb as a user gets it: {@code dpkg -i}, the files and launcher in place, the installed app
   * shows its window, {@code dpkg -r} takes it away. It changes the machine (root, /opt, the
   * desktop menu), so it runs only when asked: CI's installer step passes {@code
   * -Draftpad.installDeb=true}.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @EnabledIfSystemProperty(named = "raftpad.installDeb", matches = "true")
  void theDebInstallsStartsAndRemovesCleanly() throws Exception {
    Path deb = Commands.pathProperty("raftpad.deb");
    assertThat(INSTALLED).as("nothing installed there before").doesNotExist();
    Commands.Result install =
        Commands.run(work, Map.of(), 120, List.of("dpkg", "-i", deb.toString()));
    Commands.Result remove;
    try {
      assertThat(install.exitCode()).as(install.toString()).isZero();
      assertThat(INSTALLED.resolve("bin/Raftpad")).isExecutable();
      assertThat(INSTALLED.resolve("lib/Raftpad.png")).isRegularFile();
      assertThat(
              Files.readString(
                  INSTALLED.resolve("lib/raftpad-desktop-Raftpad.desktop"), StandardCharsets.UTF_8))
          .contains(
              "Exec=" + INSTALLED.resolve("bin/Raftpad"),
              "Icon=" + INSTALLED.resolve("lib/Raftpad.png"),
              "Name=Raftpad");
      assertThat(MENU_ENTRY).as("the package put Raftpad in the desktop menu").isRegularFile();
      // Moved to /opt, the cache still fits the image.
      showsItsWindow(INSTALLED.resolve("bin/Raftpad"), ONLY_WITH_THE_CACHE);
    } finally {
      // Removed whatever happened above; its own failure is reported after the first one.
      remove = Commands.run(work, Map.of(), 120, List.of("dpkg", "-r", "raftpad-desktop"));
    }
    assertThat(remove.exitCode()).as(remove.toString()).isZero();
    assertThat(INSTALLED.resolve("bin/Raftpad")).doesNotExist();
    assertThat(MENU_ENTRY).as("the menu entry went with the package").doesNotExist();
  }

  private void showsItsWindow(Path launcher) throws Exception {
    showsItsWindow(launcher, Map.of());
  }

  /**
   * Starts {@code launcher} with {@code environment} added on a fresh Xvfb display, waits for its
   * window, stops it (SIGTERM).
   */
  private void showsItsWindow(Path launcher, Map<String, String> environment) throws Exception {
    assertThat(launcher).isExecutable();
    requireTool("Xvfb", "xvfb");
    requireTool("xwininfo", "x11-utils");

    try (XvfbDisplay xvfb = XvfbDisplay.start(work.resolve("xvfb.log"))) {
      String display = xvfb.display();
      ProcessBuilder builder =
          xvfb.on(
              new ProcessBuilder(launcher.toString())
                  .redirectErrorStream(true)
                  .redirectOutput(work.resolve("app.log").toFile()));
      builder.environment().putAll(environment);
      Process app = builder.start();
      try {
        Commands.await(
            "a window titled Raftpad on " + display,
            90,
            () -> {
              if (!app.isAlive()) {
                throw new AssertionError("the app exited: " + log("app.log"));
              }
              return windows(display).contains("\"Raftpad\"");
            });
        app.destroy(); // SIGTERM: the JVM runs its shutdown hooks and exits
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app stops").isTrue();
      } finally {
        app.destroyForcibly();
      }
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
