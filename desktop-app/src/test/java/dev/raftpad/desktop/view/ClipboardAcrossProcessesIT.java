package dev.raftpad.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.raftpad.testkit.process.XvfbDisplay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy and paste between Raftpad and another application through the real X clipboard: two
 * processes on one Xvfb display, Raftpad's with JavaFX on GTK running the editor's own copy and
 * paste code ({@link RaftpadClipboardProbe}), the other a Java AWT program ({@link
 * OtherApplication}), whose clipboard code is not JavaFX's. The UI tests' clipboard (Monocle's)
 * never leaves the process; this is the path a user's browser or word processor takes.
 *
 * <p>Needs Xvfb and GTK 3; skipped without Xvfb. {@code .ci/run}'s installer step installs both and
 * runs it.
 */
class ClipboardAcrossProcessesIT {
  private static final int PATIENCE_SECONDS = 90;

  @TempDir Path dir;
  private XvfbDisplay display;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void startDisplay() throws IOException {
    assumeTrue(XvfbDisplay.installed("Xvfb"), "Xvfb is not installed (apt-get install xvfb)");
    assumeTrue(XvfbDisplay.gtkInstalled(), "GTK 3 is not installed (apt-get install libgtk-3-0)");
    display = XvfbDisplay.start(dir.resolve("xvfb.log"));
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    started.forEach(Process::destroyForcibly);
    if (display != null) {
      display.close();
    }
  }

  @Test
  void htmlCopiedInAnotherApplicationPastesWithItsFormatting() throws Exception {
    Process other =
        start(
            "other-copy",
            List.of("-Djava.awt.headless=false"),
            OtherApplication.class,
            "copy",
            "<p>Plain, <b>bold</b> and <a href=\"https://example.com/x\">a link</a>.</p>",
            "Plain, bold and a link.");
    awaitReady(other, "other-copy");

    List<String> pasted =
        finish(start("raftpad-paste", fx(), RaftpadClipboardProbe.class, "paste"));

    assertThat(pasted)
        .as("what the editor's paste inserts")
        .contains("insert:Plain, ", "insert:bold|bold", "insert:a link|link=https://example.com/x");
    other.getOutputStream().close();
  }

  @Test
  void aPassageCopiedInRaftpadReachesAnotherApplicationAsHtmlAndText() throws Exception {
    Process raftpad = start("raftpad-copy", fx(), RaftpadClipboardProbe.class, "copy");
    awaitReady(raftpad, "raftpad-copy");

    List<String> read =
        finish(
            start(
                "other-paste",
                List.of("-Djava.awt.headless=false"),
                OtherApplication.class,
                "paste"));

    assertThat(read).contains("text:Hello world\\n");
    String html =
        read.stream().filter(l -> l.startsWith("html:")).findFirst().orElseThrow().substring(5);
    assertThat(html).contains("world", "href=\"https://raftpad.dev\"");
    assertThat(html).containsAnyOf("<b>", "<strong>", "font-weight:bold", "font-weight: bold");
    raftpad.getOutputStream().close();
  }

  /** JavaFX on the X display with GTK, in software (Xvfb has no GPU), not the tests' Monocle. */
  private static List<String> fx() {
    return List.of("-Dprism.order=sw", "--enable-native-access=ALL-UNNAMED");
  }

  private Process start(String name, List<String> jvmOptions, Class<?> main, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Process process =
        display
            .on(new ProcessBuilder(command))
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    started.add(process);
    return process;
  }

  /** Waits for the process to say it owns the clipboard. */
  private void awaitReady(Process process, String name) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (IOException e) {
                    return null;
                  }
                })
            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    assertThat(line)
        .as("%s says it owns the clipboard; stderr: %s", name, err(name))
        .isEqualTo("ready");
  }

  /** Waits for the process to end well and returns its output lines. */
  private List<String> finish(Process process) throws Exception {
    CompletableFuture<List<String>> lines =
        CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return out.lines().toList();
              } catch (IOException e) {
                return List.of("(unreadable: " + e + ")");
              }
            });
    assertThat(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("it ends").isTrue();
    List<String> output = lines.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    assertThat(process.exitValue()).as("exit status; output %s", output).isZero();
    return output;
  }

  private String err(String name) {
    try {
      return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(none)";
    }
  }
}
