package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.text.Document;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Spell checking as the user types in one editor. After each change of the text the document is
 * checked on {@link Threads#analysis()} ({@link SpellCheck}: only lines not seen before reach the
 * dictionary); one check runs at a time, and a result computed from a text that has changed since
 * is dropped (the check after it is already queued). Runs on the UI thread.
 */
public final class SpellingViewModel {
  private final EditorViewModel editor;
  private final UserSpelling user;
  private final Supplier<SpellCheck.Dictionary> dictionary;
  private final SimpleObjectProperty<List<Misspelling>> misspellings =
      new SimpleObjectProperty<>(List.of());
  private final Set<String> ignored = new HashSet<>();
  private final Runnable wordsListener = this::wordsChanged;

  /** Counts changes of the text and of the accepted words: a result is shown only if current. */
  private long generation;

  /** Counts changes of the accepted words: a checker built for older words is not kept. */
  private long wordsVersion;

  /** The checker of the current words (its memory of lines is what makes checks incremental). */
  private SpellCheck check;

  private boolean running;
  private boolean again;
  private boolean failed;

  public SpellingViewModel(EditorViewModel editor, UserSpelling user) {
    this(editor, user, () -> EnglishSpeller.of(user.variant()));
  }

  /**
   * @param dictionary called off the UI thread, once per change of the user's words or English
   */
  public SpellingViewModel(
      EditorViewModel editor, UserSpelling user, Supplier<SpellCheck.Dictionary> dictionary) {
    this.editor = editor;
    this.user = user;
    this.dictionary = dictionary;
    // The check reads the whole text (only new lines reach the dictionary, but every line is
    // looked at): it waits for a pause in typing, as the word count and the outline do.
    QuietPeriod typingPause =
        new QuietPeriod(editor.threads(), QuietPeriod.TYPING, this::textChanged);
    editor.onDocumentChanged(typingPause::poke);
    user.onWordsChanged(wordsListener);
    editor.onClose(() -> user.removeWordsListener(wordsListener));
    user.enabledProperty()
        .addListener(
            (o, was, now) -> {
              if (!now) {
                generation++;
                misspellings.set(List.of());
              } else {
                textChanged();
              }
            });
    textChanged();
  }

  /** The misspelled words of the text as it was last checked (empty while spelling is off). */
  public ReadOnlyObjectProperty<List<Misspelling>> misspellingsProperty() {
    return misspellings;
  }

  /** Whether checking is on (the user's switch, shared by their editors). */
  public boolean enabled() {
    return user.enabledProperty().get();
  }

  /** The misspelled word at {@code column} (code points) of {@code line}, or just before it. */
  public Optional<Misspelling> at(int line, int column) {
    return misspellings.get().stream().filter(m -> m.covers(line, column)).findFirst();
  }

  /**
   * Replaces the word with {@code replacement} as one edit (one Undo; merges with others' typing
   * like any edit). Nothing happens if the word is no longer where it was.
   */
  public void replace(Misspelling word, String replacement) {
    Document document = editor.document();
    int lineStart = lineStart(document, word.line());
    int start = lineStart + word.start();
    int end = lineStart + word.end();
    if (lineStart < 0
        || end > document.length()
        || !document.text(start, end - start).equals(word.word())) {
      return;
    }
    editor.edit(
        FindViewModel.replacing(document, List.of(new TextSearch.Match(start, end)), replacement));
    misspellings.set(misspellings.get().stream().filter(m -> !m.equals(word)).toList());
  }

  /** Adds the word to the user's dictionary (remembered; every editor of theirs accepts it). */
  public void addToDictionary(String word) {
    user.addWord(word);
  }

  /** Accepts the word in this editor until it closes. */
  public void ignore(String word) {
    if (ignored.add(word)) {
      wordsChanged();
    }
  }

  private void wordsChanged() {
    wordsVersion++;
    check = null;
    Set<String> accepted = accepted();
    misspellings.set(
        misspellings.get().stream().filter(m -> !accepted.contains(m.word())).toList());
    textChanged();
  }

  private Set<String> accepted() {
    Set<String> all = new HashSet<>(user.words());
    all.addAll(ignored);
    return Set.copyOf(all);
  }

  private void textChanged() {
    generation++;
    start();
  }

  private void start() {
    if (!user.enabledProperty().get() || failed) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    long at = generation;
    long words = wordsVersion;
    Document document = editor.document();
    SpellCheck checker = check;
    Set<String> accepted = accepted();
    editor
        .threads()
        .compute(
            () -> {
              SpellCheck c =
                  checker != null ? checker : new SpellCheck(dictionary.get(), accepted::contains);
              return new Checked(c, c.check(document));
            },
            checked -> {
              running = false;
              if (words == wordsVersion) {
                check = checked.check();
              }
              if (at == generation && user.enabledProperty().get()) {
                misspellings.set(checked.misspellings());
              }
              if (again || at != generation) {
                start();
              }
            },
            failure -> {
              running = false;
              failed = true;
              editor
                  .notices()
                  .accept(
                      Notice.warning(
                          "Spelling is off",
                          "The dictionary could not be loaded: " + failure.getMessage()));
            });
  }

  private record Checked(SpellCheck check, List<Misspelling> misspellings) {}

  /** The code-point position where line {@code line} (0-based) starts, or -1 past the end. */
  static int lineStart(Document document, int line) {
    if (line == 0) {
      return 0;
    }
    String text = document.text();
    int seen = 0;
    int position = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      position++;
      if (c == '\n' && ++seen == line) {
        return position;
      }
    }
    return -1;
  }
}
