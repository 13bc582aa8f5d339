package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.document.op.Selection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events as sentences a person reads: documents by their titles, people by their user names, carets
 * as positions. Learns titles from the document list it starts with and from the created and
 * renamed events it sees.
 */
final class WatchLines {
  private final Map<String, String> titles = new ConcurrentHashMap<>();

  WatchLines(Iterable<DocumentInfo> known) {
    known.forEach(d -> titles.put(d.id(), d.title()));
  }

  String line(RaftpadEvent event) {
    return switch (event) {
      case RaftpadEvent.OperationCommitted e ->
          title(e) + ": " + e.author().username() + " saved revision " + e.revision();
      case RaftpadEvent.PresenceJoined e ->
          e.documentId().isEmpty()
              ? e.user().username() + " came online"
              : e.user().username() + " opened " + title(e);
      case RaftpadEvent.PresenceLeft e ->
          e.documentId().isEmpty()
              ? e.user().username() + " went offline"
              : e.user().username() + " closed " + title(e);
      case RaftpadEvent.CursorMoved e ->
          title(e) + ": " + e.user().username() + cursor(e.selection());
      case RaftpadEvent.LockAcquired e ->
          title(e)
              + ": locked by "
              + e.lock().holder().username()
              + " until "
              + LocalTimes.format(e.lock().expiresAt());
      case RaftpadEvent.LockReleased e -> title(e) + ": " + released(e);
      case RaftpadEvent.DocumentCreated e -> {
        learn(e.document());
        yield e.document().owner().map(o -> o.username() + " created ").orElse("created ")
            + e.document().title();
      }
      case RaftpadEvent.DocumentRenamed e -> {
        String before = title(e);
        learn(e.document());
        yield before + " was renamed " + e.document().title();
      }
      case RaftpadEvent.DocumentDeleted e -> title(e) + " was moved to the trash";
      case RaftpadEvent.AccessChanged e ->
          e.change().isPresent()
              ? title(e) + ": " + AccessText.change(e.change().get())
              : title(e) + ": your access was removed";
      case RaftpadEvent.CommentChanged e -> title(e) + ": " + CommentText.change(e);
      case RaftpadEvent.Mentioned e ->
          title(e)
              + ": "
              + e.by().username()
              + " mentioned you: "
              + CommentText.quote(
                  e.thread().comments().stream()
                      .filter(c -> c.id().equals(e.commentId()))
                      .findFirst()
                      .map(c -> c.text())
                      .orElse(""));
      case RaftpadEvent.Alert e -> "cluster: " + e.message();
      case RaftpadEvent.ResyncNeeded e ->
          title(e) + ": events were missed; reload it to see revision " + e.headRevision();
      case RaftpadEvent.ConnectionChanged e ->
          "(" + e.state().name().toLowerCase(Locale.ROOT) + ")";
    };
  }

  private static String cursor(Selection selection) {
    if (selection.isCaret()) {
      return " moved the cursor to " + selection.head();
    }
    int from = Math.min(selection.anchor(), selection.head());
    int to = Math.max(selection.anchor(), selection.head());
    return " selected " + from + "-" + to;
  }

  private static String released(RaftpadEvent.LockReleased e) {
    String who = e.previousHolder() == null ? "the holder" : e.previousHolder().username();
    return switch (e.reason()) {
      case "EXPIRED" -> who + "'s lock expired";
      case "SESSION_ENDED" -> "unlocked (" + who + " signed out)";
      default -> "unlocked by " + who;
    };
  }

  private void learn(DocumentInfo document) {
    titles.put(document.id(), document.title());
  }

  /** The document's title, else the start of its id (a document created before we listed). */
  private String title(RaftpadEvent event) {
    String id = event.documentId();
    String title = titles.get(id);
    return title != null ? title : id.length() > 8 ? id.substring(0, 8) : id;
  }
}
