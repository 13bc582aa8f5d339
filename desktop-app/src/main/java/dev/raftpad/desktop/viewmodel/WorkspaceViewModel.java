package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A signed-in user's workspace: the connection indicator, notifications, the document browser, the
 * cluster view, and the one event stream (all documents) that keeps them current. UI executor only.
 */
public final class WorkspaceViewModel implements AutoCloseable {
  private final RaftpadClient client;
  private final User me;
  private final Threads threads;
  private final Roster roster = new Roster();
  private final ObservableList<Notice> notices = FXCollections.observableArrayList();
  private final ObjectProperty<ConnectionState> connection =
      new SimpleObjectProperty<>(ConnectionState.CONNECTING);
  private final BrowserViewModel browser;
  private final ClusterViewModel cluster;

  /** Open editors by document id: the per-document JOIN/LEAVE events are routed to them. */
  private final Map<String, List<EditorViewModel>> editors = new HashMap<>();

  private EventStream stream;
  private boolean closed;

  public WorkspaceViewModel(RaftpadClient client, User me, Threads threads) {
    this.client = client;
    this.me = me;
    this.threads = threads;
    this.browser = new BrowserViewModel(client, threads, this::notify);
    this.cluster = new ClusterViewModel(client, threads, this::notify, me.admin());
  }

  /**
   * Subscribes to every document's events; the browser loads once the stream is live (so no event
   * falls between its read and the stream), and again after each reconnect.
   */
  public void start() {
    threads.call(
        () -> client.subscribeAll(this::onEvent),
        s -> {
          stream = s;
          if (closed) {
            s.close();
          }
        },
        e -> {
          notify(Notice.error("Events", Problems.describe(e)));
          browser.refresh();
        });
    cluster.refresh();
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

  public BrowserViewModel browser() {
    return browser;
  }

  public ClusterViewModel cluster() {
    return cluster;
  }

  /** Notifications, newest last; the view shows each as it is added. */
  public ObservableList<Notice> notices() {
    return notices;
  }

  public ObjectProperty<ConnectionState> connectionProperty() {
    return connection;
  }

  /**
   * Opens a document in an editor, which from then on hears who opens and closes the document from
   * this workspace's stream, after one read of who is in it.
   */
  public void open(String documentId, Consumer<EditorViewModel> onOpen) {
    EditorViewModel.open(
        client,
        documentId,
        me,
        threads,
        roster,
        this::notify,
        editor -> {
          List<EditorViewModel> forDocument =
              editors.computeIfAbsent(documentId, k -> new ArrayList<>());
          forDocument.add(editor);
          editor.onClose(
              () -> {
                forDocument.remove(editor);
                if (forDocument.isEmpty()) {
                  editors.remove(documentId, forDocument);
                }
              });
          editor.refreshPresence();
          onOpen.accept(editor);
        });
  }

  public void notify(Notice notice) {
    notices.add(notice);
    if (notices.size() > 100) {
      notices.remove(0);
    }
  }

  /** Signs out (releasing this session's locks and presence) and closes the client. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stream != null) {
      stream.close();
    }
    threads
        .background()
        .execute(
            () -> {
              try {
                client.logout();
              } catch (RuntimeException e) {
                // Best effort: the session expires on its own.
              }
              client.close();
            });
  }

  private void onEvent(RaftpadEvent event) {
    if (closed) {
      return; // queued before the stream closed; the client is going away
    }
    switch (event) {
      case RaftpadEvent.OperationCommitted c -> roster.learn(c.clientId(), c.author());
      case RaftpadEvent.CursorMoved c -> roster.learn(c.clientId(), c.user());
      case RaftpadEvent.PresenceJoined j -> presence(j.documentId(), j.user(), true);
      case RaftpadEvent.PresenceLeft l -> presence(l.documentId(), l.user(), false);
      case RaftpadEvent.DocumentCreated c -> browser.changed(c.document());
      case RaftpadEvent.DocumentRenamed r -> browser.changed(r.document());
      case RaftpadEvent.DocumentDeleted d -> {
        browser.changed(d.document());
        notify(Notice.warning("Document deleted", "“" + d.document().title() + "” was deleted."));
      }
      case RaftpadEvent.Alert a -> {
        // Alerts about one document reach its open editor; the rest are shown here.
        if (a.documentId().isEmpty()) {
          notify(Notice.warning(alertTitle(a.kind()), a.message()));
          cluster.refresh();
        }
      }
      case RaftpadEvent.ConnectionChanged c -> {
        ConnectionState was = connection.get();
        connection.set(c.state());
        if (c.state() == ConnectionState.OFFLINE && was != ConnectionState.OFFLINE) {
          browser.showOfflineCopies();
        }
        if (c.state() == ConnectionState.CONNECTED && was != ConnectionState.CONNECTED) {
          // Live (first time: the browser's load), or back after a break: JOIN/LEAVE and
          // created/renamed/deleted events are not replayed, so read the truth again.
          browser.refresh();
          if (was != ConnectionState.CONNECTING) {
            editors.values().stream()
                .flatMap(List::stream)
                .toList()
                .forEach(EditorViewModel::refreshPresence);
          }
        }
      }
      case RaftpadEvent.ResyncNeeded r -> browser.refresh();
      // Shared with this user, their role changed, or their access removed: the list shows it.
      case RaftpadEvent.AccessChanged a -> {
        browser.refresh();
        editors.getOrDefault(a.documentId(), List.of()).forEach(e -> e.accessChanged(a.access()));
      }
      case RaftpadEvent.LockAcquired l -> {}
      case RaftpadEvent.LockReleased l -> {}
      // Open editors follow their document's threads through their own sessions.
      case RaftpadEvent.CommentChanged c -> {}
      case RaftpadEvent.Mentioned m ->
          notify(
              Notice.info(
                  m.by().displayName() + " mentioned you",
                  m.thread().comments().stream()
                      .filter(comment -> comment.id().equals(m.commentId()))
                      .map(comment -> comment.text())
                      .findFirst()
                      .orElse("")));
    }
  }

  private void presence(String documentId, User user, boolean joined) {
    browser.presence(documentId, user, joined);
    if (!documentId.isEmpty()) {
      editors.getOrDefault(documentId, List.of()).forEach(e -> e.presence(user, joined));
    }
  }

  static String alertTitle(String kind) {
    return switch (kind) {
      case "LEADER_CHANGED" -> "Leader changed";
      case "NODE_ADDED" -> "Node added";
      case "NODE_REMOVED" -> "Node removed";
      case "LOCK_EXPIRING" -> "Lock expiring";
      case "SERVER_SHUTTING_DOWN" -> "Server shutting down";
      default -> kind;
    };
  }
}
