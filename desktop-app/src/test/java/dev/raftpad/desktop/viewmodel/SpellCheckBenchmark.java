package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.util.List;

/**
 * Prints what spell checking costs on a 1-million-code-point document (a program, not a test): the
 * first check (every line to the dictionary), a check after typing one word (only that line), and
 * how many words were misspelled. Both run on the background thread in the app; the FX thread only
 * receives the result.
 *
 * <pre>./mvnw -B -pl desktop-app exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.raftpad.desktop.viewmodel.SpellCheckBenchmark</pre>
 */
public final class SpellCheckBenchmark {
  private SpellCheckBenchmark() {}

  public static void main(String[] args) {
    String line =
        "Raft keeps every copy of the text in the same order, and a typo like recieve or"
            + " seperate shows up with https://example.org and NASA left alone.\n";
    StringBuilder text = new StringBuilder();
    // Every line different (a number in front), so no line is checked for free.
    for (int n = 0; text.length() < 1_000_000; n++) {
      text.append(n).append(' ').append(line);
    }
    Document document = Document.of(text.toString());
    long t0 = System.nanoTime();
    SpellCheck.Dictionary english = EnglishSpeller.of(EnglishSpeller.Variant.US);
    long loaded = System.nanoTime();
    SpellCheck check = new SpellCheck(english, w -> false);
    List<Misspelling> first = check.check(document);
    long checked = System.nanoTime();
    Document typed =
        document.apply(Operation.builder().retain(document.length() / 2).insert("wrongg ").build());
    List<Misspelling> again = check.check(typed);
    long rechecked = System.nanoTime();
    System.out.printf(
        "document: %d code points, %d lines%n"
            + "dictionary load: %.0f ms%n"
            + "first check: %.0f ms, %d misspellings%n"
            + "check after typing a word: %.0f ms, %d misspellings%n",
        document.length(),
        document.text().split("\n").length,
        (loaded - t0) / 1e6,
        (checked - loaded) / 1e6,
        first.size(),
        (rechecked - checked) / 1e6,
        again.size());
  }
}
