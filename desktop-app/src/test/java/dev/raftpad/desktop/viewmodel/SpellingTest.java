package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.settings.PreferencesSettings;
import dev.raftpad.desktop.settings.SpellingPreferences;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spell checking without a window, on the real English dictionary: what is flagged and what is not
 * (URLs, acronyms, code), suggestions, checks that only look at changed lines, and the user's
 * dictionary and off switch surviving a restart (java.util.prefs, as in the app).
 */
class SpellingTest {
  private static final Attributes CODE = Attributes.builder().code(true).build();
  private static final Attributes CODE_BLOCK = Attributes.builder().codeBlock(true).build();

  /** The real dictionary, counting the words it is asked about. */
  static final class Counting implements SpellCheck.Dictionary {
    final List<String> asked = new ArrayList<>();

    @Override
    public boolean knows(String word) {
      asked.add(word);
      return EnglishSpeller.of(EnglishSpeller.Variant.US).knows(word);
    }

    @Override
    public List<String> suggestions(String word, int max) {
      return EnglishSpeller.of(EnglishSpeller.Variant.US).suggestions(word, max);
    }
  }

  private final Preferences node =
      Preferences.userRoot().node("dev/raftpad/test-spelling-" + UUID.randomUUID());

  @AfterEach
  void removePreferences() throws BackingStoreException {
    node.removeNode();
  }

  private static List<String> flagged(Document document, Set<String> accepted) {
    return new SpellCheck(new Counting(), accepted::contains)
        .check(document).stream().map(Misspelling::word).toList();
  }

  @Test
  void misspelledWordsAreFlaggedWithTheirLineAndColumns() {
    Document doc =
        Document.of("The cat sat.\nA speling mistaek, Recieve it’s there, don't isn’t.\n");
    List<Misspelling> found = new SpellCheck(new Counting(), w -> false).check(doc);
    assertThat(found)
        .extracting(Misspelling::word)
        .containsExactly("speling", "mistaek", "Recieve");
    Misspelling first = found.get(0);
    assertThat(first.line()).isEqualTo(1);
    assertThat(first.start()).isEqualTo(2);
    assertThat(first.end()).isEqualTo(9);
  }

  @Test
  void urlsNumbersAcronymsIdentifiersOtherScriptsAndCodeAreNotFlagged() {
    Document doc =
        Document.fromContent(
            Operation.builder()
                .insert("See https://exmaple.com/pathh or www.exmaple.org, mail jdoe@exmaple.com; ")
                .insert("NASA and HTTPZ, v2beta, foo_barr, 42nd, getUserNaem, Frobz.java, ")
                .insert("Привет мир, call ")
                .insert("funcshun", CODE)
                .insert(" now.\n")
                .insert("lettt x = wrongg")
                .insert("\n", CODE_BLOCK)
                .insert("Only this is wrongg.\n")
                .build());
    assertThat(flagged(doc, Set.of())).containsExactly("wrongg");
  }

  @Test
  void textASuggestionWouldDeleteIsNotReadIntoTheWordsBesideIt() {
    // Bob suggests "dog" for "cat": the struck-out "cat" and the proposed "dog" are two words.
    Attributes deleting = Attributes.builder().suggestedDelete("s1").build();
    Attributes inserting = Attributes.builder().suggestedInsert("s1").build();
    Document doc =
        Document.fromContent(
            Operation.builder()
                .insert("The ")
                .insert("cat", deleting)
                .insert("dog", inserting)
                .insert(" sat. ")
                .insert("Wrongg", deleting)
                .insert(" but mistaek stays.\n")
                .build());

    List<Misspelling> found = new SpellCheck(new Counting(), w -> false).check(doc);
    assertThat(found).extracting(Misspelling::word).containsExactly("mistaek");
    assertThat(found.get(0).start()).as("columns stay true").isEqualTo(27);
  }

  @Test
  void suggestionsComeMostLikelyFirstAndKeepACapital() {
    EnglishSpeller english = EnglishSpeller.of(EnglishSpeller.Variant.US);
    assertThat(english.suggestions("speling", 5))
        .hasSizeLessThanOrEqualTo(5)
        .first()
        .isEqualTo("spelling");
    assertThat(english.suggestions("Speling", 5)).first().isEqualTo("Spelling");
    assertThat(english.knows("Spelling")).isTrue();
    assertThat(english.knows("isn’t")).isTrue();
    Misspelling m =
        new SpellCheck(new Counting(), w -> false).check(Document.of("speling\n")).get(0);
    assertThat(m.suggestions()).contains("spelling");
  }

  @Test
  void afterAnEditOnlyTheChangedLineGoesToTheDictionary() {
    Counting dictionary = new Counting();
    SpellCheck check = new SpellCheck(dictionary, w -> false);
    Document doc = Document.of("one two three\nfour five\nsix seven eight\n");
    assertThat(check.check(doc)).isEmpty();
    assertThat(dictionary.asked).hasSize(8);
    dictionary.asked.clear();

    Document edited = doc.apply(Operation.builder().retain(14).insert("wrongg ").build());
    List<Misspelling> found = check.check(edited);
    assertThat(found).extracting(Misspelling::word).containsExactly("wrongg");
    assertThat(found.get(0).line()).isEqualTo(1);
    assertThat(dictionary.asked).containsExactly("wrongg", "four", "five");
  }

  @Test
  void acceptedWordsAreNotFlagged() {
    Document doc = Document.of("Raftpad keeps wrongg words.\n");
    assertThat(flagged(doc, Set.of())).containsExactly("Raftpad", "wrongg");
    assertThat(flagged(doc, Set.of("Raftpad"))).containsExactly("wrongg");
  }

  @Test
  void theUsersDictionaryAndSwitchSurviveARestart() {
    UserSpelling before =
        new UserSpelling(new SpellingPreferences(new PreferencesSettings(node), "u1"));
    int[] told = {0};
    before.onWordsChanged(() -> told[0]++);
    before.addWord("Raftpad");
    before.enabledProperty().set(false);
    assertThat(told[0]).isEqualTo(1);
    before.dictionaryProperty().set(EnglishSpeller.Variant.GB);
    assertThat(told[0]).as("a new English checks again").isEqualTo(2);
    assertThat(before.variant()).isEqualTo(EnglishSpeller.Variant.GB);

    // A new run of the app: new objects over the same preferences.
    UserSpelling after =
        new UserSpelling(new SpellingPreferences(new PreferencesSettings(node), "u1"));
    assertThat(after.words()).containsExactly("Raftpad");
    assertThat(after.enabledProperty().get()).isFalse();
    assertThat(after.variant()).isEqualTo(EnglishSpeller.Variant.GB);
    // Another user on the same computer has their own.
    UserSpelling other =
        new UserSpelling(new SpellingPreferences(new PreferencesSettings(node), "u2"));
    assertThat(other.words()).isEmpty();
    assertThat(other.enabledProperty().get()).isTrue();
    assertThat(other.variant()).as("US English until chosen").isEqualTo(EnglishSpeller.Variant.US);
  }

  @Test
  void eachEnglishHasItsOwnSpellings() {
    assertThat(EnglishSpeller.of(EnglishSpeller.Variant.GB).knows("colour")).isTrue();
    assertThat(EnglishSpeller.of(EnglishSpeller.Variant.US).knows("colour")).isFalse();
    assertThat(EnglishSpeller.of(EnglishSpeller.Variant.US).knows("color")).isTrue();
    assertThat(EnglishSpeller.of(EnglishSpeller.Variant.GB).suggestions("colourr", 3))
        .contains("colour");
    for (EnglishSpeller.Variant variant : EnglishSpeller.Variant.values()) {
      assertThat(EnglishSpeller.of(variant).knows("document")).as(variant.label()).isTrue();
      assertThat(EnglishSpeller.Variant.ofCode(variant.code())).isEqualTo(variant);
    }
    assertThat(EnglishSpeller.Variant.ofCode("xx_YY"))
        .as("an unknown stored code falls back to US English")
        .isEqualTo(EnglishSpeller.Variant.US);
  }

  @Test
  void aDictionaryLongerThanOnePreferenceValueIsKeptWhole() {
    SpellingPreferences prefs = new SpellingPreferences(new PreferencesSettings(node), "u1");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      String word = "wörd😀-" + Integer.toString(i, 36) + "-abcdefghij" + "x".repeat(i % 7);
      words.add(word);
      prefs.addWord(word);
    }
    assertThat(String.join("\n", words).length()).isGreaterThan(3 * 8192);
    assertThat(new SpellingPreferences(new PreferencesSettings(node), "u1").words())
        .containsExactlyInAnyOrderElementsOf(words);
  }
}
