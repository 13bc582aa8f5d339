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

  /** A patch that cannot be used on the document's text; nothing was changed. */
  static final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchException(String message) {
      super(message);
    }
  }

  static String file(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * {@code added} as new lines at the end of {@code text}: on a line of its own, ending with a
   * newline, as {@code echo added >> file} would do.
   */
  static String append(String text, String added) {
    String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    String ending = added.endsWith("\n") ? "" : "\n";
    return text + separator + added + ending;
  }

  /** Applies a unified diff (as {@code diff -u} or {@code git diff} write it) to {@code text}. */
  static String patch(String text, Path patchFile) throws IOException {
    List<String> patchLines = Files.readAllLines(patchFile, StandardCharsets.UTF_8);
    var patch = UnifiedDiffUtils.parseUnifiedDiff(patchLines);
    if (patch.getDeltas().isEmpty()) {
      throw new PatchException(
          patchFile + " holds no unified diff (make one with diff -u or git diff)");
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
      // difflib's message names its internal verification enum; say what it means instead.
      throw new PatchException(
          "the patch in "
              + patchFile
              + " does not apply: the document's text differs from what the patch expects"
              + " (show it with docs show, and make the patch against that)");
    }
  }

  /** The text the user saved in the editor, and the file it is in. */
  record Edited(String text, Path file) {
    /** Removes the file once its text is safely in the cluster (or nothing was changed). */
    void discard() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Opens the editor ({@code command} followed by a temporary file's path) on {@code text} and
   * returns what the user saved. The file stays until the caller {@linkplain Edited#discard
   * discards} it; when the editor fails, it stays and the failure says where it is.
   */
  static Edited editor(List<String> command, String text) throws IOException, InterruptedException {
    Path file = Files.createTempFile("raftpad-", ".txt"); // 0600: only the user can read it
    // Editors expect a text file to end with a newline and add one on save; the document may not
    // end with one. Give the file its newline, and take it back off what is saved below, so that
    // lines the user adds start on a line of their own and an unchanged text stays unchanged.
    boolean addNewline = !text.isEmpty() && !text.endsWith("\n");
    Files.writeString(file, addNewline ? text + "\n" : text, StandardCharsets.UTF_8);
    List<String> line = new ArrayList<>(command);
    line.add(file.toString());
    int exit;
    try {
      exit = new ProcessBuilder(line).inheritIO().start().waitFor();
    } catch (IOException e) {
      Files.deleteIfExists(file); // nothing was written in it: the editor never started
      throw new IOException("cannot start the editor " + String.join(" ", command), e);
    }
    if (exit != 0) {
      throw new TextKeptException(
          new IOException(String.join(" ", command) + " exited with " + exit), file);
    }
    String saved = Files.readString(file, StandardCharsets.UTF_8);
    if (addNewline && saved.endsWith("\n")) {
      saved = saved.substring(0, saved.length() - 1);
    }
    return new Edited(saved, file);
  }
}
