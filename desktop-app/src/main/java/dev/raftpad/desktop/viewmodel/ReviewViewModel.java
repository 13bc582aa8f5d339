package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.Comment;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The comments margin: comment threads and suggested changes as cards beside their text, which card
 * is active, the new-comment draft, and the actions (reply, resolve, delete, accept, reject). Reads
 * the session's threads and suggestions again after every change of the text or of a thread;
 * blocking calls run in the background. UI executor only.
 */
public final class ReviewViewModel {
  /** How long starting a thread waits for the user's own edits to be confirmed. */
  static final Duration CONFIRM_WAIT = Duration.ofSeconds(10);

  private final EditorViewModel editor;
  private final ObjectProperty<ReviewItem.Arranged> items =
      new SimpleObjectProperty<>(ReviewItem.Arranged.EMPTY);
  private final ObjectProperty<Optional<String>> active =
      new SimpleObjectProperty<>(Optional.empty());
  private final ObjectProperty<Optional<Selection>> draft =
      new SimpleObjectProperty<>(Optional.empty());
  private final BooleanProperty showResolved = new SimpleBooleanProperty(false);
  private final BooleanProperty posting = new SimpleBooleanProperty(false);

  /**
   * The suggestions as last read. Reading them walks the whole document's runs, so it runs in the
   * background ({@link #suggestionsRefresh}); until its answer the cards keep the last positions.
   */
  private List<Suggestion> suggestions = List.of();

  /** The threads as last read (cheap: from the anchors the session keeps). */
  private List<CommentThread> threads = List.of();

  private final BackgroundRefresh<List<Suggestion>> suggestionsRefresh;

  public ReviewViewModel(EditorViewModel editor) {
    this.editor = editor;
    this.suggestionsRefresh =
        new BackgroundRefresh<>(
            editor.threads(),
            QuietPeriod.TYPING,
            editor::document,
            document -> editor.session().suggestionsIn(document),
            read -> {
              suggestions = read;
              arrange();
              // A suggestion just typed was not there when the caret last moved: its card
              // becomes active now, as it would have if it had been read at once.
              if (active.get().isEmpty()) {
                caretMoved(editor.selection().head());
              }
            });
    editor.onReviewChanged(this::refresh);
    editor.onDocumentChanged(this::refresh);
    refresh();
  }

  // --- Rules (one place each). ---------------------------------------------------------------

  /** Editors and owners accept and reject suggestions; commenters and viewers only see them. */
  public static boolean mayResolveSuggestions(DocumentRole role) {
    return role.canEdit();
  }

  /** Commenters and up write comments, reply, and resolve or reopen threads. */
  public static boolean mayComment(DocumentRole role) {
    return role.atLeast(DocumentRole.COMMENTER);
  }

  /** A comment is deleted by its author or the document's owner. */
  public static boolean mayDelete(Comment comment, User me, DocumentRole role) {
    return !comment.deleted()
        && (role == DocumentRole.OWNER
            || (!comment.byAssistant() && comment.author().id().equals(me.id())));
  }

  /** Only a comment's author changes its text (ADR 0012), never the assistant's comments. */
  public static boolean mayEdit(Comment comment, User me) {
    return !comment.deleted() && !comment.byAssistant() && comment.author().id().equals(me.id());
  }

  // --- State. --------------------------------------------------------------------------------

  /** The cards, kept current. */
  public ObjectProperty<ReviewItem.Arranged> itemsProperty() {
    return items;
  }

  /** The id of the card whose range is highlighted, if any. */
  public ObjectProperty<Optional<String>> activeProperty() {
    return active;
  }

  /** The range a new comment is being written on, if any. */
  public ObjectProperty<Optional<Selection>> draftProperty() {
    return draft;
  }

  public BooleanProperty showResolvedProperty() {
    return showResolved;
  }

  /** True while a new comment is on its way. */
  public BooleanProperty postingProperty() {
    return posting;
  }

  public EditorViewModel editor() {
    return editor;
  }

  public User me() {
    return editor.me();
  }

  public DocumentRole role() {
    return editor.roleProperty().get();
  }

  /** Whether accept and reject are offered now. */
  public boolean mayResolveSuggestions() {
    return mayResolveSuggestions(role()) && editor.mayEditProperty().get();
  }

  public boolean mayComment() {
    return mayComment(role()) && !editor.readOnlyProperty().get();
  }

  /**
   * Reads the threads again and the suggestions in the background (after any change of text or
   * threads): per keystroke this costs the threads, not a walk over the document.
   */
  public void refresh() {
    threads = editor.commentThreads();
    arrange();
    suggestionsRefresh.request();
  }

  /** The suggestions in the text as last read, in document order. */
  public List<Suggestion> suggestions() {
    return suggestions;
  }

  private void arrange() {
    ReviewItem.Arranged now = ReviewItem.Arranged.of(threads, suggestions);
    if (!now.equals(items.get())) {
      items.set(now);
    }
    active.get().filter(id -> !exists(id)).ifPresent(gone -> active.set(Optional.empty()));
  }

  private boolean exists(String id) {
    ReviewItem.Arranged a = items.get();
    return a.anchored().stream().anyMatch(i -> i.id().equals(id))
        || a.detached().stream().anyMatch(i -> i.id().equals(id))
        || a.resolved().stream().anyMatch(i -> i.id().equals(id));
  }

  /** The ranges shown with a background: open comments, and the active card's range. */
  public List<Highlight> highlights() {
    List<Highlight> out = new ArrayList<>();
    String activeId = active.get().orElse("");
    for (ReviewItem item : items.get().anchored()) {
      boolean isActive = item.id().equals(activeId);
      if (item instanceof ReviewItem.Comments || isActive) {
        out.add(new Highlight(item.start(), item.end(), isActive));
      }
    }
    draft
        .get()
        .ifPresent(
            d ->
                out.add(
                    new Highlight(
                        Math.min(d.anchor(), d.head()), Math.max(d.anchor(), d.head()), true)));
    return out;
  }

  // --- Activation. ---------------------------------------------------------------------------

  /** The user clicked a card. */
  public void activate(String id) {
    active.set(Optional.of(id));
  }

  /**
   * The caret moved to {@code position}: the card of the thread (else the suggestion) around it
   * becomes active, as in Google Docs; none when the caret is outside every range.
   */
  public void caretMoved(int position) {
    Optional<String> around =
        items.get().anchored().stream()
            .filter(i -> i.start() < position && position <= i.end())
            .sorted((a, b) -> Integer.compare(kind(a), kind(b)))
            .map(ReviewItem::id)
            .findFirst();
    if (!around.equals(active.get())) {
      active.set(around);
    }
  }

  private static int kind(ReviewItem item) {
    return item instanceof ReviewItem.Comments ? 0 : 1;
  }

  // --- Comments. -----------------------------------------------------------------------------

  /** Opens a new-comment card for the selection (Ctrl+Alt+M); nothing without a selection. */
  public boolean beginComment() {
    Selection s = editor.selection();
    if (s.isCaret() || !mayComment()) {
      return false;
    }
    draft.set(
        Optional.of(new Selection(Math.min(s.anchor(), s.head()), Math.max(s.anchor(), s.head()))));
    return true;
  }

  public void cancelComment() {
    draft.set(Optional.empty());
  }

  /** Posts the draft as a new thread; the card appears when the thread comes back. */
  public void postComment(String text) {
    Optional<Selection> range = draft.get();
    if (range.isEmpty() || text.isBlank() || posting.get()) {
      return;
    }
    posting.set(true);
    editor
        .threads()
        .call(
            () -> {
              try {
                return editor.session().startThread(range.get(), text.strip(), CONFIRM_WAIT);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RaftpadException(RaftpadException.Reason.CANCELLED, "interrupted");
              } catch (IllegalStateException e) {
                throw new RaftpadException(
                    RaftpadException.Reason.DEADLINE_EXCEEDED, String.valueOf(e.getMessage()));
              }
            },
            change -> {
              posting.set(false);
              draft.set(Optional.empty());
              refresh();
              active.set(Optional.of(change.thread().id()));
            },
            failure -> {
              posting.set(false);
              failed("Comment", failure);
            });
  }

  public void reply(String threadId, String text) {
    if (!text.isBlank()) {
      background(
          "Reply",
          () -> editor.client().review().reply(editor.documentId(), threadId, text.strip()));
    }
  }

  /** Resolves ({@code true}) or reopens a thread. */
  public void resolve(String threadId, boolean resolved) {
    background(
        resolved ? "Resolve" : "Reopen",
        () -> editor.client().review().resolve(editor.documentId(), threadId, resolved));
  }

  /** Changes the text of one's own comment. */
  public void edit(String threadId, String commentId, String text) {
    if (!text.isBlank()) {
      background(
          "Edit comment",
          () ->
              editor
                  .client()
                  .review()
                  .edit(editor.documentId(), threadId, commentId, text.strip()));
    }
  }

  /** Deletes a comment; the thread's first comment deletes the whole thread. */
  public void delete(String threadId, String commentId) {
    background(
        "Delete comment",
        () -> editor.client().review().delete(editor.documentId(), threadId, commentId));
  }

  private void background(String what, Supplier<?> call) {
    editor.threads().call(call, done -> refresh(), failure -> failed(what, failure));
  }

  private void failed(String what, RaftpadException failure) {
    editor.notices().accept(Notice.warning(what, Problems.describe(failure)));
  }

  // --- Suggestions (edits of the text the user sees, so Undo takes them back). ---------------

  public void accept(String suggestionId) {
    editor.resolveSuggestions(Set.of(suggestionId), Decision.ACCEPT);
  }

  public void reject(String suggestionId) {
    editor.resolveSuggestions(Set.of(suggestionId), Decision.REJECT);
  }

  public void acceptAll() {
    editor.resolveSuggestions(allSuggestions(), Decision.ACCEPT);
  }

  public void rejectAll() {
    editor.resolveSuggestions(allSuggestions(), Decision.REJECT);
  }

  private Set<String> allSuggestions() {
    Set<String> ids = new LinkedHashSet<>();
    editor.suggestions().stream().map(Suggestion::id).forEach(ids::add);
    return ids;
  }
}
