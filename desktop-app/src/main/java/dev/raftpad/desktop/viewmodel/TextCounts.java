package dev.raftpad.desktop.viewmodel;

/**
 * Word and character counts for the status bar, as word processors count them: a word is a run of
 * letters, digits, apostrophes or hyphens; characters are code points other than line ends.
 */
public record TextCounts(int words, int characters) {
  public static TextCounts of(String text) {
    int words = 0;
    int characters = 0;
    boolean inWord = false;
    for (int cp : text.codePoints().toArray()) {
      if (cp != '\n') {
        characters++;
      }
      boolean wordChar =
          Character.isLetterOrDigit(cp) || (inWord && (cp == '\'' || cp == '-' || cp == '’'));
      if (wordChar && !inWord) {
        words++;
      }
      inWord = wordChar;
    }
    return new TextCounts(words, characters);
  }

  /** "12 words, 64 characters", or of a selection "3 of 12 words, 15 of 64 characters". */
  public static String describe(TextCounts all, TextCounts selected) {
    if (selected == null || selected.characters() == 0) {
      return plural(all.words(), "word") + ", " + plural(all.characters(), "character");
    }
    return selected.words()
        + " of "
        + plural(all.words(), "word")
        + ", "
        + selected.characters()
        + " of "
        + plural(all.characters(), "character");
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
