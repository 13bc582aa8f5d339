package dev.raftpad.desktop.viewmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import morfologik.speller.Speller;
import morfologik.stemming.Dictionary;

/**
 * An English dictionary: LanguageTool's morfologik spelling dictionaries (Hunspell's word lists of
 * six variants of English, with frequencies, compiled to finite-state automata) and morfologik's
 * speller for look-ups and suggestions. Loading takes a moment and a speller keeps state between
 * calls, so there is one per variant, loaded on first use off the FX thread, and calls take turns.
 */
public final class EnglishSpeller implements SpellCheck.Dictionary {
  /** The variants the dictionary jar holds; the code is the dictionary's and the preference's. */
  public enum Variant {
    US("en_US", "English (US)"),
    GB("en_GB", "English (UK)"),
    CA("en_CA", "English (Canada)"),
    AU("en_AU", "English (Australia)"),
    NZ("en_NZ", "English (New Zealand)"),
    ZA("en_ZA", "English (South Africa)");

    private final String code;
    private final String label;

    Variant(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    /** As a menu shows it. */
    public String label() {
      return label;
    }

    /** The variant of {@code code}; US for anything else (an old or damaged preference). */
    public static Variant ofCode(String code) {
      for (Variant v : values()) {
        if (v.code.equals(code)) {
          return v;
        }
      }
      return US;
    }

    String resource() {
      return "/org/languagetool/resource/en/hunspell/" + code + ".dict";
    }
  }

  private static final java.util.Map<Variant, EnglishSpeller> LOADED =
      new java.util.EnumMap<>(Variant.class);

  private final Speller speller;

  private EnglishSpeller(Speller speller) {
    this.speller = speller;
  }

  /**
   * The one speller of {@code variant}; loads its dictionary on the first call (never call it on
   * the FX thread).
   */
  public static synchronized EnglishSpeller of(Variant variant) {
    EnglishSpeller loaded = LOADED.get(variant);
    if (loaded != null) {
      return loaded;
    }
    URL dictionary = EnglishSpeller.class.getResource(variant.resource());
    if (dictionary == null) {
      throw new IllegalStateException("the dictionary " + variant.resource() + " is missing");
    }
    try {
      // Suggestions within one edit (LanguageTool's choice: quick, and what people mistype).
      loaded = new EnglishSpeller(new Speller(Dictionary.read(dictionary), 1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dictionary " + variant.code(), e);
    }
    LOADED.put(variant, loaded);
    return loaded;
  }

  /** Whether {@code word} is spelled right (a capital first letter or all capitals allowed). */
  @Override
  public synchronized boolean knows(String word) {
    String plain = normalized(word);
    if (plain.length() >= Speller.MAX_WORD_LENGTH) {
      return true; // not a word; nothing sensible to say about it
    }
    return !speller.isMisspelled(plain) || knownContraction(plain);
  }

  /** Contractions the dictionary has no entry for ("it's", "isn't", "we'll"): the stem counts. */
  private boolean knownContraction(String word) {
    int apostrophe = word.lastIndexOf('\'');
    if (apostrophe <= 0
        || !CONTRACTIONS.contains(word.substring(apostrophe + 1).toLowerCase(Locale.ROOT))) {
      return false;
    }
    String stem = word.substring(0, apostrophe);
    if (!speller.isMisspelled(stem)) {
      return true;
    }
    // "isn't", "doesn't": the n belongs to "n't"
    return stem.length() > 1
        && (stem.endsWith("n") || stem.endsWith("N"))
        && !speller.isMisspelled(stem.substring(0, stem.length() - 1));
  }

  private static final java.util.Set<String> CONTRACTIONS =
      java.util.Set.of("s", "t", "re", "ve", "ll", "d", "m");

  /**
   * Up to {@code max} replacements for a misspelled {@code word}, most likely first, written with
   * the word's capital first letter when it has one.
   */
  @Override
  public synchronized List<String> suggestions(String word, int max) {
    String plain = normalized(word);
    if (plain.length() >= Speller.MAX_WORD_LENGTH) {
      return List.of();
    }
    List<String> found = new ArrayList<>(speller.findReplacements(plain));
    if (found.isEmpty() && Character.isUpperCase(plain.codePointAt(0))) {
      found.addAll(speller.findReplacements(plain.toLowerCase(Locale.ROOT)));
    }
    List<String> out = new ArrayList<>();
    for (String s : found) {
      String shown = Character.isUpperCase(plain.codePointAt(0)) ? capitalized(s) : s;
      if (!out.contains(shown) && !shown.equals(plain)) {
        out.add(shown);
      }
      if (out.size() == max) {
        break;
      }
    }
    return out;
  }

  /** The dictionary writes the apostrophe straight. */
  private static String normalized(String word) {
    return word.replace('’', '\'');
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
