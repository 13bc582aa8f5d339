package dev.raftpad.desktop.viewmodel;

import dev.raftpad.desktop.viewmodel.TextSearch.Match;
import dev.raftpad.desktop.viewmodel.TextSearch.Options;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Find and replace in one editor: the matches of the query in the document the user sees (kept
 * current as anyone types), which one is current, and replacing as edits of the session, so a
 * Replace all is one operation (one undo step) that merges with others' concurrent typing.
 */
public final class FindViewModel {
  private final EditorViewModel editor;
  private final StringProperty query = new SimpleStringProperty("");
  private final StringProperty replacement = new SimpleStringProperty("");
  private final BooleanProperty matchCase = new SimpleBooleanProperty(false);
  private final BooleanProperty wholeWord = new SimpleBooleanProperty(false);
  private final ObjectProperty<List<Match>> matches = new SimpleObjectProperty<>(List.of());
  private final IntegerProperty current = new SimpleIntegerProperty(-1);
  private final StringBinding count;

  public FindViewModel(EditorViewModel editor) {
    this.editor = editor;
    query.addListener((o, was, now) -> search(selectionStart()));
    matchCase.addListener((o, was, now) -> search(selectionStart()));
    wholeWord.addListener((o, was, now) -> search(selectionStart()));
    editor.onDocumentChanged(this::documentChanged);
    count = Bindings.createStringBinding(this::countText, matches, current, query);
  }

  public StringProperty queryProperty() {
    return query;
  }

  public StringProperty replacementProperty() {
    return replacement;
  }

  public BooleanProperty matchCaseProperty() {
    return matchCase;
  }

  public BooleanProperty wholeWordProperty() {
    return wholeWord;
  }

  /** The matches in document order, in code points. */
  public ObjectProperty<List<Match>> matchesProperty() {
    return matches;
  }

  /** The index of the current match in {@link #matchesProperty}; -1 when there is none. */
  public IntegerProperty currentProperty() {
    return current;
  }

  /** "3 of 12", "No results", or empty while there is no query. */
  public StringBinding countProperty() {
    return count;
  }

  public Optional<Match> currentMatch() {
    int i = current.get();
    List<Match> all = matches.get();
    return i >= 0 && i < all.size() ? Optional.of(all.get(i)) : Optional.empty();
  }

  /** Moves to the next match, after the last one back to the first. */
  public void next() {
    step(1);
  }

  public void previous() {
    step(-1);
  }

  /** Searches again from {@code position} (the caret when the bar opens). */
  public void search(int position) {
    matches.set(TextSearch.find(editor.document().text(), query.get(), options()));
    current.set(TextSearch.firstAtOrAfter(matches.get(), position));
  }

  /** Replaces the current match and moves to the next one. */
  public void replace() {
    Optional<Match> match = currentMatch();
    if (match.isEmpty()) {
      return;
    }
    int after = match.get().start() + (int) replacement.get().codePoints().count();
    editor.edit(replacing(editor.document(), List.of(match.get()), replacement.get()));
    search(after);
  }

  /** Replaces every match in one edit; returns how many were replaced. */
  public int replaceAll() {
    List<Match> all = matches.get();
    if (all.isEmpty()) {
      return 0;
    }
    editor.edit(replacing(editor.document(), all, replacement.get()));
    search(selectionStart());
    return all.size();
  }

  /**
   * One operation replacing each of {@code matches} (in order, not overlapping) with {@code text},
   * which takes the inline formatting of the first character it replaces.
   */
  public static Operation replacing(Document document, List<Match> matches, String text) {
    OperationBuilder b = Operation.builder();
    int position = 0;
    for (Match m : matches) {
      b.retain(m.start() - position);
      if (!text.isEmpty()) {
        b.insert(text, Formatting.inlineAt(document, m.start() + 1));
      }
      b.delete(m.length());
      position = m.end();
    }
    return b.build();
  }

  private void documentChanged() {
    if (query.get().isEmpty()) {
      return;
    }
    // Stay on (or just after) the current match when anyone's typing moves the text.
    int from = currentMatch().map(Match::start).orElse(selectionStart());
    search(from);
  }

  private void step(int direction) {
    int n = matches.get().size();
    if (n == 0) {
      return;
    }
    int i = current.get() < 0 ? 0 : Math.floorMod(current.get() + direction, n);
    // Set it even when unchanged (one match): the view selects it again.
    current.set(-1);
    current.set(i);
  }

  private int selectionStart() {
    return Math.min(editor.selection().anchor(), editor.selection().head());
  }

  private Options options() {
    return new Options(matchCase.get(), wholeWord.get());
  }

  private String countText() {
    if (query.get().isEmpty()) {
      return "";
    }
    int n = matches.get().size();
    if (n == 0) {
      return "No results";
    }
    return (current.get() + 1) + " of " + n;
  }
}
