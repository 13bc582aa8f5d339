package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.OnlineUser;
import dev.raftpad.client.sdk.model.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The document browser: every live document with who is in it, searchable by title; create, rename,
 * delete. Kept current by the workspace's event stream. UI executor only.
 */
public final class BrowserViewModel {
  private final RaftpadClient client;
  private final Threads threads;
  private final Consumer<Notice> notices;
  private final Map<String, DocumentInfo> documents = new LinkedHashMap<>();
  private List<OnlineUser> online = List.of();
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

  /** Reloads the list and who is online. */
  public void refresh() {
    threads.call(
        () -> new Loaded(allDocuments(), client.presence().listOnline("")),
        loaded -> {
          documents.clear();
          loaded.documents().forEach(d -> documents.put(d.id(), d));
          online = loaded.online();
          rebuild();
        },
        this::failed);
  }

  /** Reloads who is online (after a JOIN or LEAVE). */
  public void refreshPresence() {
    threads.call(
        () -> client.presence().listOnline(""),
        users -> {
          online = users;
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

  private List<User> peopleIn(String documentId) {
    return online.stream()
        .filter(o -> o.documentIds().contains(documentId))
        .map(OnlineUser::user)
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
}
