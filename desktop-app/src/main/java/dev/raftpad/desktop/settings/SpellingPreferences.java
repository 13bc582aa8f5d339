package dev.raftpad.desktop.settings;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One user's spelling settings, kept in the app's {@link Settings} under the user's id: whether
 * checking is on, which English dictionary, and the words they added to their dictionary. The words
 * are stored in chunks: java.util.prefs refuses a value longer than 8192 characters, and a
 * dictionary grows past that.
 */
public final class SpellingPreferences {
  /** Below java.util.prefs' {@code MAX_VALUE_LENGTH} (8192). */
  static final int CHUNK = 8000;

  private final Settings settings;
  private final String prefix;

  public SpellingPreferences(Settings settings, String userId) {
    this.settings = settings;
    this.prefix = "spelling." + userId + ".";
  }

  /** On unless the user turned it off. */
  public boolean enabled() {
    return !"false".equals(settings.get(prefix + "enabled", "true"));
  }

  public void setEnabled(boolean on) {
    settings.put(prefix + "enabled", Boolean.toString(on));
  }

  /** The code of the dictionary the user chose (e.g. "en_GB"); empty until they chose one. */
  public String dictionary() {
    return settings.get(prefix + "dictionary", "");
  }

  public void setDictionary(String code) {
    settings.put(prefix + "dictionary", code);
  }

  /** The user's own words, sorted. */
  public Set<String> words() {
    int chunks = parse(settings.get(prefix + "words.chunks", "0"));
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < chunks; i++) {
      all.append(settings.get(prefix + "words." + i, ""));
    }
    Set<String> words = new TreeSet<>();
    Arrays.stream(all.toString().split("\n")).filter(w -> !w.isBlank()).forEach(words::add);
    return words;
  }

  /** Adds {@code word} (a word has no line break) and writes the whole list again. */
  public void addWord(String word) {
    if (word.isBlank() || word.contains("\n")) {
      throw new IllegalArgumentException("not a word: " + word);
    }
    Set<String> words = words();
    if (!words.add(word)) {
      return;
    }
    String all = String.join("\n", words) + "\n";
    int chunks = 0;
    for (int start = 0; start < all.length(); chunks++) {
      int end = Math.min(all.length(), start + CHUNK);
      if (end < all.length() && Character.isHighSurrogate(all.charAt(end - 1))) {
        end--; // never split a character in two (a lone surrogate is not stored faithfully)
      }
      settings.put(prefix + "words." + chunks, all.substring(start, end));
      start = end;
    }
    // The count last: a crash before it leaves the previous, shorter list readable.
    settings.put(prefix + "words.chunks", Integer.toString(chunks));
  }

  private static int parse(String number) {
    try {
      return Math.max(0, Integer.parseInt(number));
    } catch (NumberFormatException e) {
      return 0; // an unreadable count: no words rather than a failure at sign-in
    }
  }
}
