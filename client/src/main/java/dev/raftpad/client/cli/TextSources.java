package dev.raftpad.client.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.PatchFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where the new text of {@code docs edit} comes from: a file, a unified patch, or an editor. */
final class TextSources {
  private TextSources() {}

  static String file(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Applies a unified diff (as {@code diff -u} or {@code git diff} write it) to {@code text}. */
  static String patch(String text, Path patchFile) throws IOException {
    List<String> patchLines = Files.readAllLines(patchFile, StandardCharsets.UTF_8);
    var patch = UnifiedDiffUtils.parseUnifiedDiff(patchLines);
    if (patch.getDeltas().isEmpty()) {
      throw new IllegalArgumentException(patchFile + " holds no unified diff hunks");
    }
    boolean endsWithNewline = text.endsWith("\n");
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (endsWithNewline) {
      lines.removeLast(); // the empty string after the last newline is not a line
    }
    try {
      List<String> patched = DiffUtils.patch(lines, patch);
      return String.join("\n", patched) + (endsWithNewline ? "\n" : "");
    } catch (PatchFailedException e) {
      throw new IllegalArgumentException(
          "the patch does not apply to the document's current text: " + e.getMessage(), e);
    }
  }

  /**
   * Opens {@code $VISUAL} or {@code $EDITOR} (else vi) on the text and returns what the user saved.
   */
  static String editor(String text) throws IOException, InterruptedException {
    String editor = firstSet(System.getenv("VISUAL"), System.getenv("EDITOR"), "vi");
    Path file = Files.createTempFile("raftpad-", ".txt");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(Arrays.asList(editor.trim().split("\\s+", -1)));
      command.add(file.toString());
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IOException(editor + " exited with " + exit + "; nothing was changed");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String firstSet(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate;
      }
    }
    throw new IllegalStateException("unreachable: the last candidate is always set");
  }
}
