package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentAccess;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.LockInfo;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.sdk.session.SessionEvent;
import dev.raftpad.desktop.export.DocumentPictures;
import dev.raftpad.desktop.export.Exporter;
import dev.raftpad.desktop.export.FileActions;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.Decision;
import dev.raftpad.document.text.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open document: the SDK's {@link DocumentSession} plus the rules of the editor (formatting,
 * read-only while someone else holds the lock, presence, remote carets, undo of one's own edits).
 * Positions are code points; the view converts at its edge. Every method runs on the UI executor.
 */
public final class EditorViewModel implements AutoCloseable {
  /** Lock lease taken by the lock button; the holder renews by locking again. */
  public static final Duration LOCK_LEASE = Duration.ofMinutes(5);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** What the view does when the document changes other than by the user's own typing. */
  public interface Surface {
    /** Apply {@code operation} (already applied to {@link #document()}) to the text area. */
    void apply(Operation operation);

    /** Re-render the formatting of {@link #document()}; the text is already right. */
    void restyle();

    /** Replace the whole content (after a reload). */
    void reset(Document document);
  }

  private final RaftpadClient client;
  private final DocumentSession session;
  private final User me;
  private final Threads threads;
  private final Roster roster;
  private final Consumer<Notice> notices;
  private final StringProperty title = new SimpleStringProperty("");
  private final ObjectProperty<Optional<LockInfo>> lock = new SimpleObjectProperty<>();
  private final ObjectProperty<CaretFormat> caretFormat =
      new SimpleObjectProperty<>(CaretFormat.NONE);
  private final BooleanProperty gone = new SimpleBooleanProperty(false);

  /**
   * The user's text when the session handed back edits it could never save (empty otherwise): kept
   * until it is saved as a new document or a file ({@link #saveReturnedAsNewDocument}, {@link
   * #saveReturnedToFile}).
   */
  private final StringProperty returnedText = new SimpleStringProperty("");

  /** The handed-back content with its formatting; null when there is none. */
  private Document returned;

  /** How many times edits were handed back: a save clears only the ones it saved. */
  private int returns;

  private final ObjectProperty<DocumentRole> role = new SimpleObjectProperty<>(DocumentRole.EDITOR);
  private final StringProperty ownerName = new SimpleStringProperty("");
  private final StringBinding banner;
  private final ObjectProperty<ConnectionState> connection =
      new SimpleObjectProperty<>(ConnectionState.CONNECTING);
  private final ObservableList<User> present = FXCollections.observableArrayList();

  /** Everyone's colour in this editor, told apart; meets the people present first. */
  private final PeopleColours colours = new PeopleColours();

  private final ObservableList<RemoteCaret> carets = FXCollections.observableArrayList();
  private final BooleanBinding readOnly;
  private final BooleanBinding mayEdit;
  private final BooleanBinding formattingDisabled;
  private final BooleanProperty suggesting = new SimpleBooleanProperty(false);
  private final StringBinding lockBadge;
  private final Consumer<SessionEvent> listener = this::onEvent;
  private final java.util.Set<String> departed = new java.util.HashSet<>();

  /** JOIN/LEAVE events that arrived while a read of who is here was under way, oldest first. */
  private final List<Presence> duringRead = new java.util.ArrayList<>();

  private final List<Runnable> onClose = new java.util.ArrayList<>();
  private int readsUnderWay;
  private Surface surface = new NoSurface();
  private Selection selection = Selection.caret(0);
  private boolean cursorPending;
  private Attributes typingOverride;

  /** Which keystrokes one Undo takes back together (a word, a run of Backspaces). */
  private final javafx.beans.property.LongProperty revision =
      new javafx.beans.property.SimpleLongProperty();

  private final TypingGroups typingGroups = new TypingGroups(java.time.InstantSource.system());

  /** The document's images, by id, for the area and the exports. */
  private final DocumentImages images;

  public EditorViewModel(
      RaftpadClient client,
      DocumentSession session,
      DocumentInfo info,
      User me,
      Threads threads,
      Roster roster,
      Consumer<Notice> notices) {
    this.client = client;
    this.session = session;
    this.me = me;
    this.threads = threads;
    this.roster = roster;
    this.notices = notices;
    this.images = new DocumentImages(client, session.documentId(), threads);
    // Before any view listens: the people present get their colours before they are drawn.
    present.addListener((javafx.collections.ListChangeListener<User>) c -> colours.meet(present));
    this.title.set(info.title());
    this.lock.set(info.lock());
    this.role.set(info.yourRole());
    this.ownerName.set(info.owner().map(Users::name).orElse(""));
    this.readOnly =
        Bindings.createBooleanBinding(
            () ->
                gone.get()
                    || lockedByOther(lock.get()).isPresent()
                    || !role.get().atLeast(DocumentRole.COMMENTER),
            lock,
            gone,
            role);
    this.mayEdit =
        Bindings.createBooleanBinding(
            () -> !readOnly.get() && role.get().canEdit(), readOnly, role);
    // Formatting is not suggested (ADR 0012): while suggesting, the buttons are off.
    this.formattingDisabled = readOnly.or(suggesting);
    // A commenter may only suggest: the mode is locked to Suggesting for them.
    role.addListener((o, was, now) -> lockSuggestingFor(now));
    suggesting.addListener((o, was, now) -> session.setSuggesting(now));
    lockSuggestingFor(info.yourRole());
    this.banner =
        Bindings.createStringBinding(
            () -> Roles.banner(role.get(), ownerName.get()), role, ownerName);
    this.lockBadge = Bindings.createStringBinding(() -> badge(lock.get()), lock);
    session.addListener(listener);
    connection.set(session.connectionState());
    revision.set(session.revision());
  }

  /**
   * Opens {@code documentId} in the background and hands the editor over on the UI executor. Who is
   * here is then fed by {@link #presence} (the workspace's per-document JOIN/LEAVE events) after
   * one {@link #refreshPresence} read.
   */
  public static void open(
      RaftpadClient client,
      String documentId,
      User me,
      Threads threads,
      Roster roster,
      Consumer<Notice> notices,
      Consumer<EditorViewModel> onOpen) {
    threads.call(
        () -> {
          // From its offline copy when there is one: no network needed.
          DocumentSession session = client.openDocument(documentId);
          return new EditorViewModel(client, session, session.info(), me, threads, roster, notices);
        },
        onOpen,
        failure -> notices.accept(Notice.error("Cannot open", Problems.describe(failure))));
  }

  public void attach(Surface surface) {
    this.surface = surface;
  }

  public String documentId() {
    return session.documentId();
  }

  public User me() {
    return me;
  }

  public RaftpadClient client() {
    return client;
  }

  public Threads threads() {
    return threads;
  }

  public Consumer<Notice> notices() {
    return notices;
  }

  /** The document as this user sees it (confirmed revision plus own unconfirmed edits). */
  public Document document() {
    return session.document();
  }

  public long revision() {
    return session.revision();
  }

  /** The revision this user's document is at, kept current by the session's events. */
  public javafx.beans.property.ReadOnlyLongProperty revisionProperty() {
    return revision;
  }

  public boolean isSynchronized() {
    return session.isSynchronized();
  }

  public StringProperty titleProperty() {
    return title;
  }

  /** The text of edits the cluster could never save, handed back by the session; "" if none. */
  public StringProperty returnedTextProperty() {
    return returnedText;
  }

  public ObjectProperty<Optional<LockInfo>> lockProperty() {
    return lock;
  }

  /** True while another user holds the lock, or the document is gone. */
  public BooleanBinding readOnlyProperty() {
    return readOnly;
  }

  /** True when the user may change the text directly (an editor or owner, not locked out). */
  public BooleanBinding mayEditProperty() {
    return mayEdit;
  }

  /** True while formatting cannot be changed: read-only, or suggesting. */
  public BooleanBinding formattingDisabledProperty() {
    return formattingDisabled;
  }

  /** Suggesting mode (Google Docs' "Suggesting"): typing becomes tracked changes. */
  public javafx.beans.value.ObservableBooleanValue suggestingProperty() {
    return suggesting;
  }

  /** Whether the user cannot leave Suggesting mode (a commenter). */
  public boolean suggestingLocked() {
    return !role.get().canEdit();
  }

  /** Switches between Editing and Suggesting; a commenter stays in Suggesting. */
  public void setSuggesting(boolean on) {
    suggesting.set(on || suggestingLocked());
  }

  private void lockSuggestingFor(DocumentRole now) {
    if (!now.canEdit()) {
      suggesting.set(true);
    }
  }

  /** The Share dialog's state for this document. */
  public ShareViewModel sharing() {
    return new ShareViewModel(client, documentId(), threads);
  }

  /** The user's role on this document (kept current by access changes). */
  public ObjectProperty<DocumentRole> roleProperty() {
    return role;
  }

  /** Why this user cannot change the document (view only...); empty when they can. */
  public StringBinding bannerProperty() {
    return banner;
  }

  /**
   * The document's access changed (the workspace's stream says so): the editor becomes read-only or
   * writable with the user's new role, and stops when the access was removed.
   */
  public void accessChanged(DocumentAccess access) {
    role.set(access.yourRole());
    access.owner().ifPresent(o -> ownerName.set(Users.name(o)));
    if (access.yourRole() == DocumentRole.NONE) {
      gone.set(true);
    }
  }

  /** The owner's name, to say whom to ask for more access. */
  public StringProperty ownerNameProperty() {
    return ownerName;
  }

  /** "Locked by Ada until 14:05:00", or empty when unlocked. */
  public StringBinding lockBadgeProperty() {
    return lockBadge;
  }

  public ObjectProperty<ConnectionState> connectionProperty() {
    return connection;
  }

  /** Users with this document open (including this one). */
  public ObservableList<User> present() {
    return present;
  }

  /** The colour each person is shown in here: carets, avatars, comments and suggestions. */
  public PeopleColours colours() {
    return colours;
  }

  /** Other clients' carets and selections with their users, in local positions. */
  public ObservableList<RemoteCaret> carets() {
    return carets;
  }

  // --- The user's own actions. ---------------------------------------------------------------

  /**
   * The user typed in the area: {@code deleted} code points at {@code position} replaced by {@code
   * inserted}. The area already shows it.
   *
   * @return false when refused (read-only): the view must then reset to {@link #document()}
   */
  public boolean typed(int position, int deleted, String inserted) {
    if (readOnly.get()) {
      return false;
    }
    Document before = session.document();
    Attributes inline =
        typingOverride != null ? typingOverride : Formatting.inlineAt(before, position);
    Operation op = Formatting.typing(before, position, deleted, inserted, inline);
    var unused = session.localEdit(op, typingGroups.typed(position, deleted, inserted));
    // Only formatting differs from what the area shows (in suggesting mode also deleted text,
    // which stays struck through: the view reloads it).
    surface.restyle();
    changed();
    return true;
  }

  /** The local caret or selection moved; publishes it to the others. */
  public void selectionChanged(Selection selection) {
    if (!selection.equals(this.selection)) {
      typingOverride = null;
    }
    this.selection = selection;
    publishCursor();
    followCaret();
  }

  /** The formatting at the caret, for the toolbars to show; follows caret, text and commands. */
  public javafx.beans.property.ReadOnlyObjectProperty<CaretFormat> caretFormatProperty() {
    return caretFormat;
  }

  /**
   * With only a caret, sets the format the text typed next takes: {@code change} of the one it
   * would take (a toolbar command's earlier choice, or the text before the caret).
   */
  private void formatTyping(java.util.function.UnaryOperator<Attributes> change) {
    Attributes base =
        typingOverride != null
            ? typingOverride
            : Formatting.inlineAt(session.document(), selection.head());
    typingOverride = change.apply(base);
    followCaret();
  }

  private void followCaret() {
    caretFormat.set(CaretFormat.at(session.document(), selection.head(), typingOverride));
  }

  public Selection selection() {
    return selection;
  }

  public void toggle(InlineStyle style) {
    if (formattingDisabled.get()) {
      return;
    }
    if (selection.isCaret()) {
      // Nothing selected: the next typed text takes the toggled format, as in word processors.
      formatTyping(base -> Attributes.compose(base, style.change(!style.isSetIn(base)), false));
      return;
    }
    edit(Formatting.toggle(session.document(), selection, style));
  }

  public void toggle(BlockStyle style) {
    if (!formattingDisabled.get()) {
      edit(Formatting.block(session.document(), selection, style));
    }
  }

  /**
   * Sets an inline format with a value (font, size, text or highlight colour; a removal value
   * removes it) on the selection, or, with only a caret, on the text typed next.
   */
  public void format(Attributes inlineChange) {
    if (formattingDisabled.get()) {
      return;
    }
    if (selection.isCaret()) {
      formatTyping(base -> Attributes.compose(base, inlineChange, false));
      return;
    }
    edit(Formatting.inline(session.document(), selection, inlineChange));
  }

  /** Sets a line format (alignment, line spacing) on the lines of the selection. */
  public void formatLines(Attributes lineChange) {
    if (!formattingDisabled.get()) {
      edit(Formatting.lines(session.document(), selection, lineChange));
    }
  }

  /** Indents (1) or outdents (-1) the lines of the selection. */
  public void indent(int delta) {
    if (!formattingDisabled.get()) {
      edit(Formatting.indent(session.document(), selection, delta));
    }
  }

  /** Removes the selection's inline formatting (links stay); with a caret, typing goes plain. */
  public void clearFormatting() {
    if (formattingDisabled.get()) {
      return;
    }
    if (selection.isCaret()) {
      formatTyping(base -> Attributes.NONE);
      return;
    }
    edit(Formatting.clear(session.document(), selection));
  }

  /** Ticks or unticks the checklist item on {@code line} (0-based), e.g. from its checkbox. */
  public void toggleChecked(int line) {
    if (!formattingDisabled.get()) {
      edit(Formatting.toggleChecked(session.document(), line));
    }
  }

  /** The line format of the line the caret is on (for Tab in lists and the toolbar's state). */
  public Attributes lineFormatAtCaret() {
    return Formatting.lineFormatAt(session.document(), selection.head());
  }

  /** Links the selection ({@code url} empty = unlink). */
  public void link(String url) {
    if (!formattingDisabled.get()) {
      edit(Formatting.link(session.document(), selection, url));
    }
  }

  /** The document's images by id (loaded through the cluster, cached). */
  public DocumentImages images() {
    return images;
  }

  /**
   * Inserts an image at the caret (replacing a selection): its bytes are read, checked and added to
   * the document's image store in the background, then one edit inserts the image's character, so
   * Undo takes it out and it merges with others' typing like any insert. Refused (a notice, the
   * document untouched) when the bytes are no PNG, JPEG or GIF, too large, or this user may not
   * edit. Editors only: a suggestion cannot add to the image store.
   *
   * @param source what the user picked, for messages ("photo.png", "the clipboard")
   * @param bytes read in the background
   */
  public void insertImage(String source, ImageUpload.Bytes bytes) {
    if (!mayEdit.get() || suggesting.get()) {
      notices.accept(
          Notice.warning(
              "Image not inserted",
              suggesting.get()
                  ? "Images cannot be suggested; switch to Editing to insert one."
                  : "You cannot edit this document."));
      return;
    }
    String documentId = session.documentId();
    threads.call(
        () -> ImageUpload.run(client, documentId, source, bytes),
        outcome -> {
          switch (outcome) {
            case ImageUpload.Added added -> {
              images.remember(added.imageId(), added.data());
              insertImageCharacter(added.imageId());
            }
            case ImageUpload.Refused refused ->
                notices.accept(Notice.error("Image not inserted", refused.reason()));
          }
        },
        e -> notices.accept(Notice.error("Image not inserted", Problems.describe(e))));
  }

  /** Inserts the image from {@code file} at the caret ({@link #insertImage(String, Bytes)}). */
  public void insertImage(Path file) {
    insertImage(String.valueOf(file.getFileName()), () -> Files.readAllBytes(file));
  }

  /** The image's character at the caret, replacing the selection, as one undoable edit. */
  private void insertImageCharacter(String imageId) {
    if (readOnly.get()) {
      notices.accept(Notice.warning("Image not inserted", "The document became read-only."));
      return;
    }
    int length = session.document().length();
    int start = Math.min(Math.min(selection.anchor(), selection.head()), length);
    int end = Math.min(Math.max(selection.anchor(), selection.head()), length);
    edit(
        Operation.builder()
            .retain(start)
            .delete(end - start)
            .insert(Images.CHARACTER, Attributes.builder().image(imageId).build())
            .build());
  }

  /** An edit the view did not already show: applied to the session and then to the area. */
  public void edit(Operation operation) {
    if (readOnly.get() || operation.isIdentity()) {
      return;
    }
    typingGroups.interrupt();
    var unused = session.localEdit(operation);
    // In suggesting mode the session made a suggestion of it; render() heals the difference.
    surface.apply(operation);
    changed();
  }

  /**
   * Accepts or rejects suggestions as an edit of the text this user sees, so Undo takes it back
   * (editors and owners only).
   */
  public void resolveSuggestions(java.util.Set<String> ids, Decision decision) {
    if (!mayEdit.get() || ids.isEmpty()) {
      return;
    }
    typingGroups.interrupt();
    session.resolveSuggestions(ids, decision).ifPresent(surface::apply);
    changed();
  }

  /** The suggestions in the text this user sees, in document order. */
  public List<Suggestion> suggestions() {
    return session.suggestions();
  }

  /** The comment threads (resolved ones too), anchored in the text this user sees. */
  public List<CommentThread> commentThreads() {
    return session.threads();
  }

  DocumentSession session() {
    return session;
  }

  /** Undoes this user's newest edit (never someone else's). */
  public void undo() {
    if (!readOnly.get()) {
      typingGroups.interrupt();
      session.undo().ifPresent(surface::apply);
      changed();
    }
  }

  public void redo() {
    if (!readOnly.get()) {
      typingGroups.interrupt();
      session.redo().ifPresent(surface::apply);
      changed();
    }
  }

  public void lock() {
    threads.call(
        () -> client.locks().lock(documentId(), LOCK_LEASE),
        info -> lock.set(Optional.of(info)),
        failure -> notices.accept(Notice.warning("Lock", Problems.describe(failure))));
  }

  public void unlock() {
    threads.run(
        () -> client.locks().unlock(documentId()),
        () -> lock.set(Optional.empty()),
        failure -> notices.accept(Notice.warning("Unlock", Problems.describe(failure))));
  }

  /** Whether this user holds the lock. */
  public boolean holdsLock() {
    return lock.get().map(l -> l.holder().id().equals(me.id())).orElse(false);
  }

  /**
   * Writes the document to {@code file} as {@code format}, in the background, with its images
   * (fetched there first): HTML embeds them, Markdown gets them as files in a folder beside it.
   */
  public void export(Exporter.Format format, Path file) {
    Document content = session.document();
    threads.run(
        () -> {
          try {
            FileActions.write(content, format, file, pictures(content));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        () -> notices.accept(Notice.info("Exported", "Saved " + file.getFileName() + ".")),
        e -> notices.accept(Notice.error("Export", Problems.describe(e))));
  }

  /** Exports this document as Word or PDF to {@code file}, with its images, off the FX thread. */
  public void export(FileActions.BinaryFormat format, Path file) {
    Document content = session.document();
    threads.run(
        () -> {
          try {
            FileActions.write(content, format, file, pictures(content));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        () -> notices.accept(Notice.info("Exported", "Saved " + file.getFileName() + ".")),
        e -> notices.accept(Notice.error("Export", Problems.describe(e))));
  }

  /**
   * The bytes of the images {@code content} shows, from the cluster; blocking, for background work.
   * An image the store does not have is left out (the export writes "[image]" there); any other
   * failure fails the export.
   */
  private DocumentPictures pictures(Document content) {
    Map<String, DocumentPictures.Picture> pictures = new java.util.HashMap<>();
    for (String id : DocumentPictures.idsIn(content)) {
      try {
        ImageSource.ImageData data = images.fetch(id);
        pictures.put(id, new DocumentPictures.Picture(data.mediaType(), data.bytes()));
      } catch (RaftpadException e) {
        if (e.reason() != RaftpadException.Reason.IMAGE_NOT_FOUND) {
          throw e;
        }
      }
    }
    return new DocumentPictures(pictures);
  }

  /** The title offered for a new document made of handed-back edits. */
  public String returnedTitle() {
    return title.get() + " (your edits)";
  }

  /**
   * Saves the handed-back edits, formatting included, as a new document of this user's; {@code
   * onSaved} gets it (to open it). Nothing is dropped when it fails: the text stays, to try again.
   */
  public void saveReturnedAsNewDocument(String newTitle, Consumer<DocumentInfo> onSaved) {
    Document content = returned;
    int saving = returns;
    if (content == null) {
      return;
    }
    threads.call(
        () -> client.documents().create(newTitle, content.asOperation()),
        info -> {
          clearReturned(saving);
          notices.accept(Notice.info("Your edits are saved", "As “" + info.title() + "”."));
          onSaved.accept(info);
        },
        e -> notices.accept(Notice.error("Could not save your edits", Problems.describe(e))));
  }

  /** Saves the handed-back edits to {@code file} in {@code format}; the text stays if it fails. */
  public void saveReturnedToFile(Exporter.Format format, Path file) {
    Document content = returned;
    int saving = returns;
    if (content == null) {
      return;
    }
    String text = Exporter.export(content, format);
    threads.run(
        () -> {
          try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        () -> {
          clearReturned(saving);
          notices.accept(Notice.info("Your edits are saved", "In " + file.getFileName() + "."));
        },
        e -> notices.accept(Notice.error("Could not save your edits", Problems.describe(e))));
  }

  /** Forgets handed-back edits once saved (unless newer ones came back meanwhile). */
  private void clearReturned(int saved) {
    if (returns == saved) {
      returned = null;
      returnedText.set("");
    }
  }

  /** Runs {@code action} when this editor closes (the workspace stops routing events to it). */
  public void onClose(Runnable action) {
    onClose.add(action);
  }

  @Override
  public void close() {
    session.removeListener(listener);
    session.close();
    onClose.forEach(Runnable::run);
    onClose.clear();
  }

  // --- Events from the session, on the UI executor. ------------------------------------------

  /** Told when a comment thread changed, so a comments panel reads the threads again. */
  private final List<Runnable> reviewChanged = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Told after every change of the text this user sees (suggestions and anchors move with it). */
  private final List<Runnable> documentChanged = new java.util.concurrent.CopyOnWriteArrayList<>();

  public void onReviewChanged(Runnable listener) {
    reviewChanged.add(listener);
  }

  public void onDocumentChanged(Runnable listener) {
    documentChanged.add(listener);
  }

  private void changed() {
    followCaret();
    documentChanged.forEach(Runnable::run);
  }

  private void onEvent(SessionEvent event) {
    try {
      onSessionEvent(event);
    } finally {
      revision.set(session.revision());
    }
  }

  private void onSessionEvent(SessionEvent event) {
    switch (event) {
      case SessionEvent.RemoteEdit r -> {
        roster.learn(r.clientId(), r.author());
        selection = selection.transform(r.operation()).clamp(session.document().length());
        surface.apply(r.operation());
        carets(session.remoteCarets());
        changed();
      }
      case SessionEvent.Acknowledged a -> publishCursor();
      case SessionEvent.CursorsChanged c -> {
        // The caret events name their users: a caret is labelled before its owner types.
        c.users().forEach(roster::learn);
        carets(c.carets());
      }
      // The session's stream also carries the cluster-wide JOIN (someone came online, not
      // necessarily here) and its events carry no document id: who is here comes from the
      // workspace's stream instead, through presence(...).
      case SessionEvent.PresenceChanged p -> {}
      case SessionEvent.LockChanged l -> lock.set(l.lock());
      case SessionEvent.DocumentChanged d -> {
        title.set(d.info().title());
        // The workspace announces deletions; here the editor only stops.
        gone.set(d.info().deleted());
      }
      case SessionEvent.AlertRaised a -> {
        // Cluster-wide alerts reach the workspace too; only this document's are shown here.
        if (a.alert().documentId().equals(documentId())) {
          notices.accept(
              Notice.warning(WorkspaceViewModel.alertTitle(a.alert().kind()), a.alert().message()));
        }
      }
      case SessionEvent.ConnectionChanged c -> {
        ConnectionState was = connection.get();
        connection.set(c.state());
        if (c.state() == ConnectionState.OFFLINE) {
          // Who is here and where their carets are is unknown until the stream is back.
          present.removeIf(u -> !u.id().equals(me.id()));
          carets.clear();
        }
        if (c.state() == ConnectionState.CONNECTED) {
          publishCursor();
          // Lock, title and presence events are not replayed on resume: read what changed.
          refreshInfo();
          if (was == ConnectionState.RECONNECTING || was == ConnectionState.OFFLINE) {
            refreshPresence();
          }
        }
      }
      case SessionEvent.ThreadChanged t -> reviewChanged.forEach(Runnable::run);
      case SessionEvent.EditRejected r ->
          notices.accept(Notice.warning("Edit refused", Problems.describe(r.reason())));
      case SessionEvent.Resynced r -> {
        selection = selection.clamp(session.document().length());
        surface.reset(session.document());
        carets(session.remoteCarets());
        changed();
      }
      case SessionEvent.EditsReturned r -> {
        // Kept until the user saves it elsewhere; the view offers a new document or a file.
        returned = r.localContent();
        returns++;
        returnedText.set(r.text());
        notices.accept(
            Notice.error(
                "Your latest edits could not be saved",
                Problems.describe(r.reason())
                    + " Your text is kept: save it as a new document or a file."));
      }
      case SessionEvent.Failed f -> {
        gone.set(true);
        notices.accept(Notice.error("Editing stopped", Problems.describe(f.reason())));
      }
    }
  }

  /**
   * Reads who has this document open, to start from the truth: once when the editor opens and after
   * a reconnect (JOIN/LEAVE events are not replayed). Events that arrive meanwhile are replayed
   * over the answer, which may predate them.
   */
  public void refreshPresence() {
    readsUnderWay++;
    threads.call(
        () -> client.presence().listOnline(documentId()),
        online -> {
          readsUnderWay--;
          List<User> now = online.stream().map(o -> o.user()).toList();
          present.stream()
              .filter(u -> now.stream().noneMatch(n -> n.id().equals(u.id())))
              .forEach(u -> departed.add(u.id()));
          now.forEach(u -> departed.remove(u.id()));
          present.setAll(now);
          duringRead.forEach(this::apply);
          if (readsUnderWay == 0) {
            duringRead.clear();
          }
          carets(session.remoteCarets());
        },
        failure -> {
          readsUnderWay--;
          if (readsUnderWay == 0) {
            duringRead.clear();
          }
        });
  }

  /**
   * A per-document JOIN ({@code joined}) or LEAVE of this document: {@code user} opened it or
   * closed it (on their last connection that had it open).
   */
  public void presence(User user, boolean joined) {
    Presence event = new Presence(user, joined);
    if (readsUnderWay > 0) {
      duringRead.add(event);
    }
    apply(event);
    carets(session.remoteCarets());
  }

  private void apply(Presence event) {
    String id = event.user().id();
    if (event.joined()) {
      departed.remove(id);
      if (present.stream().noneMatch(u -> u.id().equals(id))) {
        present.add(event.user());
      }
    } else {
      // A caret left behind by someone who closed the document is hidden from now on.
      departed.add(id);
      present.removeIf(u -> u.id().equals(id));
    }
  }

  private void refreshInfo() {
    threads.call(
        () -> client.documents().info(documentId()),
        info -> {
          title.set(info.title());
          lock.set(info.lock());
          role.set(info.yourRole());
          gone.set(info.deleted());
        },
        failure -> {});
  }

  private void carets(Map<String, Selection> byClient) {
    if (connection.get() == ConnectionState.OFFLINE) {
      carets.clear(); // the last ones known would stand still, wrongly, until the stream is back
      return;
    }
    int length = session.document().length();
    carets.setAll(
        byClient.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                e ->
                    new RemoteCaret(
                        e.getKey(),
                        roster.user(e.getKey()).orElse(unknown(e.getKey())),
                        e.getValue().clamp(length)))
            // Someone who closed the document left a caret behind (no event removes it): hide it.
            .filter(c -> !departed.contains(c.user().id()))
            .toList());
  }

  private static User unknown(String clientId) {
    return new User(clientId, "someone", "Someone", false, "#888888");
  }

  private void publishCursor() {
    cursorPending = !session.updateCursor(selection.clamp(session.document().length()));
  }

  /** Whether a caret update waits for the session to be synchronized. */
  boolean cursorPending() {
    return cursorPending;
  }

  private Optional<LockInfo> lockedByOther(Optional<LockInfo> lock) {
    return lock == null ? Optional.empty() : lock.filter(l -> !l.holder().id().equals(me.id()));
  }

  private String badge(Optional<LockInfo> lock) {
    if (lock == null || lock.isEmpty()) {
      return "";
    }
    LockInfo l = lock.get();
    String who = l.holder().id().equals(me.id()) ? "you" : Users.name(l.holder());
    return "Locked by " + who + " until " + TIME.format(l.expiresAt());
  }

  private record Presence(User user, boolean joined) {}

  private static final class NoSurface implements Surface {
    @Override
    public void apply(Operation operation) {}

    @Override
    public void restyle() {}

    @Override
    public void reset(Document document) {}
  }
}
