package dev.raftpad.client.sdk.session;

import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.review.CommentAnchor;
import dev.raftpad.document.review.SuggestedChange;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import dev.raftpad.proto.v1.CommentChanged;
import dev.raftpad.proto.v1.OperationCommitted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A session's comments and suggestions beside its text (ADR 0012): the threads (their anchors live
 * in the {@link SyncClient}, moved exactly as the server moves them), who wrote each suggestion,
 * and suggesting mode. Not thread-safe: the session's lock guards it.
 */
final class ReviewState {
  private final Map<String, CommentThread> threads = new LinkedHashMap<>();
  private final Map<String, Suggestion> authors = new HashMap<>();

  /** Suggestion ids this session made: its user may really delete text marked with them. */
  private final Set<String> own = new HashSet<>();

  private long version;
  private boolean suggesting;

  /** The suggestion that typing at the same place extends. */
  private String current;

  /** Takes the review a (re)load brought, anchoring its threads at the snapshot's revision. */
  void load(DocumentSnapshot snapshot, SyncClient sync) {
    threads.clear();
    snapshot
        .review()
        .ifPresent(
            review -> {
              version = review.reviewVersion();
              review.suggestions().forEach(s -> authors.put(s.id(), s));
              for (CommentThread thread : review.threads()) {
                threads.put(thread.id(), thread);
                sync.onRemoteAnchor(thread.id(), snapshot.revision(), thread.anchor());
              }
            });
  }

  /** Learns who wrote the suggestions an operation marks. */
  void learn(OperationCommitted committed) {
    committed
        .getSuggestionsList()
        .forEach(s -> authors.put(s.getSuggestionId(), Wire.suggestion(s)));
  }

  /**
   * A thread event, at the session's revision (it follows the operations before it in the stream).
   */
  void threadChanged(CommentChanged changed, SyncClient sync, List<SessionEvent> out) {
    CommentThread thread = Wire.thread(changed.getThread());
    version = Math.max(version, thread.version());
    if (thread.deleted()) {
      threads.remove(thread.id());
      sync.forgetAnchor(thread.id());
    } else {
      threads.put(thread.id(), thread);
      sync.onRemoteAnchor(thread.id(), sync.revision(), thread.anchor());
    }
    CommentAnchor shown = sync.anchors().getOrDefault(thread.id(), thread.anchor());
    out.add(
        new SessionEvent.ThreadChanged(
            thread.at(shown),
            Wire.action(changed.getAction()),
            changed.hasActor() ? Optional.of(Wire.user(changed.getActor())) : Optional.empty()));
  }

  long version() {
    return version;
  }

  boolean suggesting() {
    return suggesting;
  }

  void setSuggesting(boolean on) {
    suggesting = on;
    current = null;
  }

  /**
   * What the user typed, as the session sends it: unchanged, or in suggesting mode as suggestion
   * {@link #current} when it continues at the same place, else a new one.
   */
  Operation asTyped(Operation typing, Document before) {
    if (!suggesting) {
      return typing;
    }
    if (current == null || !touches(typing, before, current)) {
      current = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      own.add(current);
    }
    return Suggestions.suggest(typing, before, current, own::contains);
  }

  /**
   * Whether the first change {@code typing} makes is next to text marked with suggestion {@code
   * id}.
   */
  private static boolean touches(Operation typing, Document before, String id) {
    int position = 0;
    for (Component component : typing.components()) {
      if (component instanceof Retain retain && retain.attributes().isEmpty()) {
        position += retain.count();
        continue;
      }
      break;
    }
    int from = Math.max(0, position - 1);
    int to = Math.min(before.length(), position + 1);
    for (Run run : before.runs(from, to - from)) {
      if (id.equals(run.attributes().suggestedInsert())
          || id.equals(run.attributes().suggestedDelete())) {
        return true;
      }
    }
    return false;
  }

  /** The suggestions in {@code document}, with their authors where known. */
  List<Suggestion> suggestions(Document document) {
    return suggestions(document, authors);
  }

  /** The suggestions known so far by id (a copy), for {@link #suggestions(Document, Map)}. */
  Map<String, Suggestion> authors() {
    return Map.copyOf(authors);
  }

  /**
   * The suggestions in {@code document} with their authors from {@code authors}: reads nothing
   * else, so it may run on any thread over a copy of {@link #authors()}.
   */
  static List<Suggestion> suggestions(Document document, Map<String, Suggestion> authors) {
    List<Suggestion> shown = new ArrayList<>();
    for (SuggestedChange change : Suggestions.in(document)) {
      Suggestion known = authors.get(change.id());
      shown.add(
          new Suggestion(
              change.id(),
              known == null ? Optional.empty() : known.author(),
              known == null ? Optional.empty() : known.createdAt(),
              known != null && known.byAssistant(),
              change.inserted(),
              change.deleted(),
              change.start(),
              change.end()));
    }
    return shown;
  }

  /** The threads at {@code anchors} (the sync client's, shown), attached ones by position first. */
  List<CommentThread> threads(Map<String, CommentAnchor> anchors) {
    List<CommentThread> shown = new ArrayList<>();
    threads
        .values()
        .forEach(t -> shown.add(t.at(anchors.getOrDefault(t.id(), CommentAnchor.DETACHED))));
    shown.sort(
        Comparator.comparing((CommentThread t) -> t.anchor().detached())
            .thenComparingInt(t -> t.anchor().start())
            .thenComparing(CommentThread::id));
    return shown;
  }
}
