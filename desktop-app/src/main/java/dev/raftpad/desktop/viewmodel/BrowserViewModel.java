package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.OnlineUser;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.export.FileActions;
import dev.raftpad.document.op.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The document browser: every live document with who is in it, searchable by title; create, rename,
 * delete. Kept current by the workspace's event stream: documents by created/renamed/deleted
 * events, who is in which document by the per-document JOIN/LEAVE events, after one read on load
 * and after each reconnect. UI executor only.
 */
public final class BrowserViewModel {
  private final RaftpadClient client;
  private final Threads threads;
  private final Consumer<Notice> notices;
  private final Map<String, DocumentInfo> documents = new LinkedHashMap<>();

  /** Who is online, by user id, with the documents they have open. */
  private final Map<String, Present> online = new LinkedHashMap<>();

  /** Presence events that arrived while a read of who is online was under way, oldest first. */
  private final List<PresenceEvent> duringRead = new ArrayList<>();

  private int readsUnderWay;
  private final ObservableList<DocumentRow> rows = FXCollections.observableArrayList();
  private final FilteredList<DocumentRow> visible = new FilteredList<>(rows);
  private final StringProperty search = new SimpleStringProperty("");

  public BrowserViewModel(RaftpadClient client, Threads threads, Consumer<Notice> notices) {
    this.client = client;
    this.threads = threads;
    this.notices = notices;
    search.addListener((o, was, now) -> filter());
  }

  public StringProperty searchProperty() {
    return search;
  }

  /** The documents matching the search, by title. */
  public ObservableList<DocumentRow> visibleRows() {
    return visible;
  }

  /** The Share dialog's state for a document of the list. */
  public ShareViewModel sharing(String documentId) {
    return new ShareViewModel(client, documentId, threads);
  }

  /** Reloads the list and who is online (on load and after a reconnect). */
  public void refresh() {
    readsUnderWay++;
    threads.call(
        () -> new Loaded(allDocuments(), client.presence().listOnline("")),
        loaded -> {
          documents.clear();
          loaded.documents().forEach(d -> documents.put(d.id(), d));
          online(loaded.online());
        },
        this::readFailed);
  }

  /** Re-reads who is online, to start from the truth again (after a reconnect). */
  public void refreshPresence() {
    readsUnderWay++;
    threads.call(() -> client.presence().listOnline(""), this::online, this::readFailed);
  }

  /**
   * A JOIN ({@code joined}) or LEAVE from the event stream: with a document id, that user opened or
   * closed that document; with an empty one, the user came online or went offline.
   */
  public void presence(String documentId, User user, boolean joined) {
    PresenceEvent event = new PresenceEvent(documentId, user, joined);
    if (readsUnderWay > 0) {
      // Replayed over the read's answer, which may predate it.
      duringRead.add(event);
    }
    apply(event);
    rebuild();
  }

  private void online(List<OnlineUser> users) {
    readsUnderWay--;
    online.clear();
    users.forEach(
        o ->
            online.put(o.user().id(), new Present(o.user(), new LinkedHashSet<>(o.documentIds()))));
    duringRead.forEach(this::apply);
    if (readsUnderWay == 0) {
      duringRead.clear();
    }
    rebuild();
  }

  private void apply(PresenceEvent event) {
    String id = event.user().id();
    if (event.documentId().isEmpty()) {
      if (event.joined()) {
        online.putIfAbsent(id, new Present(event.user(), new LinkedHashSet<>()));
      } else {
        online.remove(id);
      }
    } else if (event.joined()) {
      online
          .computeIfAbsent(id, k -> new Present(event.user(), new LinkedHashSet<>()))
          .documents()
          .add(event.documentId());
    } else if (online.containsKey(id)) {
      online.get(id).documents().remove(event.documentId());
    }
  }

  private void readFailed(dev.raftpad.client.sdk.RaftpadException e) {
    readsUnderWay--;
    if (readsUnderWay == 0) {
      duringRead.clear();
    }
    failed(e);
  }

  /**
   * The cluster cannot be reached: the documents this user has offline copies of join the list (as
   * the copies last saw them), so they can be opened and edited until it answers again.
   */
  public void showOfflineCopies() {
    if (client.offlineStore().isEmpty()) {
      return;
    }
    threads.call(
        () -> {
          try {
            return client.offlineStore().get().list();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        copies -> {
          copies.forEach(copy -> documents.putIfAbsent(copy.documentId(), copy.info()));
          rebuild();
        },
        this::failed);
  }

  public void create(String title, Consumer<DocumentInfo> onCreated) {
    threads.call(
        () -> client.documents().create(title, ""),
        info -> {
          changed(info);
          onCreated.accept(info);
        },
        this::failed);
  }

  /**
   * File → Import…: a .docx, .md or .txt file as a new document of this user's, titled after the
   * file; {@code onImported} gets it once it holds the whole content (to open it, as Google Docs
   * does). Reading and creating run off the FX thread; a file that cannot be read is a notice.
   */
  public void importFile(Path file, Consumer<DocumentInfo> onImported) {
    threads.call(
        () -> {
          FileActions.Imported imported;
          try {
            imported = FileActions.read(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (imported.pictures().byId().isEmpty()) {
            return client.documents().create(imported.title(), imported.content());
          }
          // A new document's image store is empty: create it, add the pictures, then the text
          // that names them, as its first edit.
          DocumentInfo created = client.documents().create(imported.title(), Operation.IDENTITY);
          imported
              .pictures()
              .byId()
              .values()
              .forEach(p -> client.images().add(created.id(), p.mediaType(), p.bytes()));
          var unused =
              client
                  .edits()
                  .submit(
                      created.id(),
                      "import-" + java.util.UUID.randomUUID(),
                      1,
                      created.revision(),
                      imported.content());
          return created;
        },
        info -> {
          changed(info);
          notices.accept(Notice.info("Imported", "As “" + info.title() + "”."));
          onImported.accept(info);
        },
        e -> notices.accept(Notice.error("Import", Problems.describe(e))));
  }

  public void rename(String documentId, String title) {
    threads.call(() -> client.documents().rename(documentId, title), this::changed, this::failed);
  }

  public void delete(String documentId) {
    threads.call(() -> client.documents().delete(documentId), this::changed, this::failed);
  }

  /** A document was created, renamed or deleted (here or by someone else). */
  public void changed(DocumentInfo info) {
    if (info.deleted()) {
      documents.remove(info.id());
    } else {
      documents.put(info.id(), info);
    }
    rebuild();
  }

  private List<DocumentInfo> allDocuments() {
    List<DocumentInfo> all = new ArrayList<>();
    String token = "";
    do {
      var page = client.documents().list(false, 0, token, false);
      all.addAll(page.items());
      token = page.nextPageToken().orElse("");
    } while (!token.isEmpty());
    return all;
  }

  private void rebuild() {
    rows.setAll(
        documents.values().stream()
            .sorted(Comparator.comparing(DocumentInfo::title, String.CASE_INSENSITIVE_ORDER))
            .map(d -> new DocumentRow(d, peopleIn(d.id())))
            .toList());
    filter();
  }

  /** Who is in a document, by name: the row reads the same however its presence was learnt. */
  private List<User> peopleIn(String documentId) {
    return online.values().stream()
        .filter(p -> p.documents().contains(documentId))
        .map(Present::user)
        .sorted(Comparator.comparing(Users::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  private void filter() {
    String needle = search.get().strip().toLowerCase(Locale.ROOT);
    visible.setPredicate(
        row -> needle.isEmpty() || row.info().title().toLowerCase(Locale.ROOT).contains(needle));
  }

  private void failed(dev.raftpad.client.sdk.RaftpadException e) {
    notices.accept(Notice.error("Documents", Problems.describe(e)));
  }

  private record Loaded(List<DocumentInfo> documents, List<OnlineUser> online) {}

  private record Present(User user, Set<String> documents) {}

  private record PresenceEvent(String documentId, User user, boolean joined) {}
}
