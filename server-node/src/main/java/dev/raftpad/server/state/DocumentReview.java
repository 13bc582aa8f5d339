package dev.raftpad.server.state;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.review.CommentAnchor;
import dev.raftpad.document.review.SuggestedChange;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.CommentThreadRecord;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ReviewActivityRecord;
import dev.raftpad.proto.v1.ReviewClientRecord;
import dev.raftpad.proto.v1.SuggestionRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One document's comments and suggestion metadata (ADR 0012), beside its text: the threads with
 * their anchors (moved through every applied operation), who wrote each suggestion, and the newest
 * comment command of each client (exactly once). Deterministic like the rest of the state: every
 * replica holds the same after the same commands.
 */
final class DocumentReview {
  /** Suggestion records are pruned of ids no text carries once there are more than this. */
  static final int SUGGESTIONS_BEFORE_PRUNING = 2_000;

  /** The comment clients remembered for exactly-once (the most recently used). */
  static final int KEPT_CLIENTS = 1_000;

  /** How much review history a document keeps (the newest). */
  static final int KEPT_ACTIVITY = 200;

  private final TreeMap<String, CommentThreadRecord> threads = new TreeMap<>();
  private final TreeMap<String, CommentAnchor> anchors = new TreeMap<>();
  private final TreeMap<String, SuggestionRecord> suggestions = new TreeMap<>();
  private final TreeMap<String, ReviewClientRecord> clients = new TreeMap<>();
  private final ArrayDeque<ReviewActivityRecord> activity = new ArrayDeque<>();
  private long version;
  private long threadsStarted;

  // History.

  /** Records what happened, keeping the newest {@link #KEPT_ACTIVITY}. */
  void record(ReviewActivityRecord happened) {
    activity.addLast(happened);
    while (activity.size() > KEPT_ACTIVITY) {
      activity.removeFirst();
    }
  }

  /** The review history, oldest first. */
  List<ReviewActivityRecord> activity() {
    return List.copyOf(activity);
  }

  // Suggestions.

  /**
   * Records who wrote the suggestion ids {@code applied} marks for the first time, prunes records
   * no text carries when there are many (deterministic: every replica prunes at the same command),
   * and returns the records of the ids it marks, for announcing it. One pass over the operation:
   * this runs for every applied edit, and most mark nothing.
   */
  List<SuggestionRecord> suggestionsUsed(
      Operation applied, Supplier<Document> head, String userId, long now, boolean byAssistant) {
    Set<String> ids = Suggestions.idsUsedBy(applied);
    if (ids.isEmpty()) {
      return List.of();
    }
    List<SuggestionRecord> marked = new ArrayList<>(ids.size());
    for (String id : ids) {
      marked.add(
          suggestions.computeIfAbsent(
              id,
              key ->
                  SuggestionRecord.newBuilder()
                      .setSuggestionId(key)
                      .setAuthorUserId(userId)
                      .setCreatedAtMillis(now)
                      .setByAssistant(byAssistant)
                      .build()));
    }
    if (suggestions.size() > SUGGESTIONS_BEFORE_PRUNING) {
      Set<String> live = new HashSet<>();
      for (SuggestedChange change : Suggestions.in(head.get())) {
        live.add(change.id());
      }
      suggestions.keySet().retainAll(live);
    }
    return marked;
  }

  /** Whether {@code userId} may write marks of suggestion {@code id}: it is new, or theirs. */
  boolean mayUseSuggestion(String id, String userId) {
    SuggestionRecord record = suggestions.get(id);
    return record == null || record.getAuthorUserId().equals(userId);
  }

  Optional<SuggestionRecord> suggestion(String id) {
    return Optional.ofNullable(suggestions.get(id));
  }

  // Comments.

  /** Moves every anchor through an applied operation. */
  void moveAnchors(Operation applied) {
    if (anchors.isEmpty() || applied.isIdentity()) {
      return;
    }
    anchors.replaceAll((id, anchor) -> anchor.transform(applied));
  }

  /** The thread with its current anchor, or empty (deleted threads too, as tombstones). */
  Optional<CommentThreadRecord> thread(String threadId) {
    CommentThreadRecord thread = threads.get(threadId);
    return thread == null ? Optional.empty() : Optional.of(withAnchor(thread));
  }

  /** The threads (tombstones included) in id order, with their current anchors. */
  List<CommentThreadRecord> threads() {
    List<CommentThreadRecord> all = new ArrayList<>(threads.size());
    threads.values().forEach(t -> all.add(withAnchor(t)));
    return all;
  }

  /** The threads changed after review version {@code after}, for a resuming subscriber. */
  List<CommentThreadRecord> threadsChangedAfter(long after) {
    List<CommentThreadRecord> changed = new ArrayList<>();
    for (CommentThreadRecord thread : threads.values()) {
      if (thread.getVersion() > after) {
        changed.add(withAnchor(thread));
      }
    }
    changed.sort(Comparator.comparingLong(CommentThreadRecord::getVersion));
    return changed;
  }

  /** How many threads there are, tombstones included. */
  int threadCount() {
    return threads.size();
  }

  /** The id the next started thread gets. */
  String nextThreadId() {
    return "t" + (threadsStarted + 1);
  }

  /** Stores a thread (new or changed) as the next review version; returns it with its anchor. */
  CommentThreadRecord put(CommentThreadRecord thread, CommentAnchor anchor) {
    version++;
    if (!threads.containsKey(thread.getThreadId())) {
      threadsStarted++;
    }
    CommentThreadRecord stored =
        thread.toBuilder().setVersion(version).clearStart().clearEnd().clearDetached().build();
    threads.put(stored.getThreadId(), stored);
    anchors.put(stored.getThreadId(), anchor);
    return withAnchor(stored);
  }

  CommentAnchor anchor(String threadId) {
    return anchors.get(threadId);
  }

  long version() {
    return version;
  }

  // Exactly once.

  Optional<ReviewClientRecord> client(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  /** Remembers a client's newest command, forgetting the least recently used beyond the limit. */
  void clientDid(ReviewClientRecord mark) {
    clients.put(mark.getClientId(), mark);
    if (clients.size() > KEPT_CLIENTS) {
      ReviewClientRecord oldest =
          clients.values().stream()
              .min(
                  Comparator.comparingLong(ReviewClientRecord::getUsedAtMillis)
                      .thenComparing(ReviewClientRecord::getClientId))
              .orElseThrow();
      clients.remove(oldest.getClientId());
    }
  }

  private CommentThreadRecord withAnchor(CommentThreadRecord thread) {
    CommentAnchor anchor = anchors.get(thread.getThreadId());
    return thread.toBuilder()
        .setStart(anchor.start())
        .setEnd(anchor.end())
        .setDetached(anchor.detached())
        .build();
  }

  // Snapshot.

  /** Writes this review into a document's snapshot record. */
  DocumentRecord.Builder writeTo(DocumentRecord.Builder record) {
    return record
        .clearThreads()
        .addAllThreads(threads())
        .clearSuggestions()
        .addAllSuggestions(suggestions.values())
        .clearReviewClients()
        .addAllReviewClients(clients.values())
        .setReviewVersion(version)
        .setThreadsStarted(threadsStarted)
        .clearReviewActivity()
        .addAllReviewActivity(activity);
  }

  /** The review a snapshot record holds (empty for a record written before format 5). */
  static DocumentReview of(DocumentRecord record) {
    DocumentReview review = new DocumentReview();
    for (CommentThreadRecord thread : record.getThreadsList()) {
      review.threads.put(
          thread.getThreadId(), thread.toBuilder().clearStart().clearEnd().clearDetached().build());
      review.anchors.put(
          thread.getThreadId(),
          new CommentAnchor(thread.getStart(), thread.getEnd(), thread.getDetached()));
    }
    record.getSuggestionsList().forEach(s -> review.suggestions.put(s.getSuggestionId(), s));
    record.getReviewClientsList().forEach(c -> review.clients.put(c.getClientId(), c));
    review.activity.addAll(record.getReviewActivityList());
    review.version = record.getReviewVersion();
    review.threadsStarted = record.getThreadsStarted();
    return review;
  }
}
