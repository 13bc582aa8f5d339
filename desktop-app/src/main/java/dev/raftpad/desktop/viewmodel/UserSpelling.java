package dev.raftpad.desktop.viewmodel;

import dev.raftpad.desktop.settings.SpellingPreferences;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The signed-in user's spelling, shared by their editors: the off switch (Tools → Spelling), the
 * English they write (Tools → Spelling language) and their own dictionary, both remembered across
 * restarts through {@link SpellingPreferences}. Runs on the UI thread; {@link #words()} is an
 * immutable snapshot safe to read anywhere.
 */
public final class UserSpelling {
  private final SpellingPreferences preferences;
  private final BooleanProperty enabled;
  private final List<Runnable> wordsChanged = new CopyOnWriteArrayList<>();
  private volatile Set<String> words;
  private final ObjectProperty<EnglishSpeller.Variant> dictionary;
  private volatile EnglishSpeller.Variant variant;

  public UserSpelling(SpellingPreferences preferences) {
    this.preferences = preferences;
    this.enabled = new SimpleBooleanProperty(preferences.enabled());
    this.words = Set.copyOf(preferences.words());
    enabled.addListener((o, was, now) -> preferences.setEnabled(now));
    this.variant = EnglishSpeller.Variant.ofCode(preferences.dictionary());
    this.dictionary = new SimpleObjectProperty<>(variant);
    dictionary.addListener(
        (o, was, now) -> {
          if (now == null) {
            dictionary.set(was); // a choice, never none
            return;
          }
          preferences.setDictionary(now.code());
          variant = now;
          wordsChanged.forEach(Runnable::run); // every open editor checks again with it
        });
  }

  /** Which English the user writes (Tools → Spelling language; remembered). */
  public ObjectProperty<EnglishSpeller.Variant> dictionaryProperty() {
    return dictionary;
  }

  /** The chosen English, safe to read on any thread (the checks read it in the background). */
  public EnglishSpeller.Variant variant() {
    return variant;
  }

  /** Whether words are checked as the user types (remembered). */
  public BooleanProperty enabledProperty() {
    return enabled;
  }

  /** The user's own words. */
  public Set<String> words() {
    return words;
  }

  /** Adds {@code word} to the user's dictionary; every open editor checks again. */
  public void addWord(String word) {
    if (words.contains(word)) {
      return;
    }
    preferences.addWord(word);
    words = Set.copyOf(preferences.words());
    wordsChanged.forEach(Runnable::run);
  }

  /** Told after the user's words or the chosen English changed. */
  public void onWordsChanged(Runnable listener) {
    wordsChanged.add(listener);
  }

  /** Stops telling {@code listener} (an editor closed). */
  public void removeWordsListener(Runnable listener) {
    wordsChanged.remove(listener);
  }
}
