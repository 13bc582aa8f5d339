package dev.raftpad.document.history;

import dev.raftpad.document.history.Rejection.BaseRevisionInFuture;
import dev.raftpad.document.history.Rejection.HistoryCompacted;
import dev.raftpad.document.history.Rejection.InvalidOperation;
import dev.raftpad.document.history.Rejection.NoSuchRevision;
import dev.raftpad.document.history.Rejection.OperationDoesNotFit;
import dev.raftpad.document.history.Rejection.StaleSequence;
import dev.raftpad.document.history.SubmitResult.Applied;
import dev.raftpad.document.history.SubmitResult.Duplicate;
import dev.raftpad.document.history.SubmitResult.Rejected;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Rebase;
import dev.raftpad.document.op.TieBreak;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.DocumentEditor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One document's history on the server: the sequencer of operational transformation and the version
 * history. The replicated state machine owns one per document and feeds it commands in log order.
 *
 * <p>{@link #submit} transforms an operation against every revision committed since its base
 * revision, applies it and assigns the next revision; resubmitting the same (clientId, clientSeq)
 * returns the original revision without applying again. Revision 0 is the initial content; the
 * first operation becomes revision 1.
 *
 * <p>Deterministic: no clock, no randomness, no I/O; times come inside each submission. Not
 * thread-safe: the state machine applies commands on one thread.
 *
 * <p>Content at any retained revision is computed from the nearest checkpoint (every {@value
 * #CHECKPOINT_INTERVAL} revisions; documents are persistent, so a checkpoint is a shared reference,
 * not a copy) plus at most that many operations. The head is a {@link DocumentEditor}, which
 * updates in place what it built since the last checkpoint, so a keystroke allocates little.
 */
public final class DocumentLog {
  /** Revisions between two checkpoints. */
  public static final int CHECKPOINT_INTERVAL = 1024;

  /** Google Docs-like default for {@link #versions}: an author's edits within 5 minutes. */
  public static final Duration DEFAULT_VERSION_GAP = Duration.ofMinutes(5);

  private final RevisionStore store;
  private final ClientSequences clients = new ClientSequences();
  private final NavigableMap<Long, Document> checkpoints = new TreeMap<>();
  private final NavigableMap<Long, String> names = new TreeMap<>();
  private long oldestRetained;
  private final DocumentEditor head;

  /** A log of an empty document. */
  public DocumentLog() {
    this(Document.empty(), 0);
  }

  /**
   * A log whose retained history starts at {@code revision} with {@code content} (a new document,
   * or one restored from a snapshot).
   */
  public DocumentLog(Document content, long revision) {
    this.store = new RevisionStore(revision + 1);
    this.oldestRetained = revision;
    this.head = new DocumentEditor(content);
    checkpoints.put(revision, content);
  }

  /** The newest revision. */
  public long headRevision() {
    return store.nextRevision() - 1;
  }

  /** The content at the newest revision. */
  public Document head() {
    return head.snapshot();
  }

  /**
   * The head's length in code points. Cheaper than {@code head().length()} on the write path: a
   * snapshot makes the next edit copy the tree's path instead of changing it in place.
   */
  public int headLength() {
    return head.length();
  }

  /** The oldest revision still retained: base revisions before it are refused. */
  public long oldestRetainedRevision() {
    return oldestRetained;
  }

  /** Judges an operation, transformed to the head, before it is applied. */
  @FunctionalInterface
  public interface Admission {
    /** Admits everything. */
    Admission ANY = (operation, head) -> Optional.empty();

    /** Why {@code operation} may not be applied to {@code head}, or empty to apply it. */
    Optional<Rejection> judge(Operation operation, Document head);
  }

  /**
   * Transforms, applies and records a client's operation, exactly once per (clientId, clientSeq).
   */
  public SubmitResult submit(Submission submission) {
    return submit(submission, Admission.ANY);
  }

  /**
   * Transforms a client's operation to the head, asks {@code admission} (a rule that depends on
   * what the operation does to the text as it is now, such as "a commenter only suggests"), then
   * applies and records it, exactly once per (clientId, clientSeq).
   */
  public SubmitResult submit(Submission submission, Admission admission) {
    OptionalLong earlier = clients.revisionOf(submission.clientId(), submission.clientSeq());
    if (earlier.isPresent()) {
      return new Duplicate(earlier.getAsLong());
    }
    long lastSeq = clients.lastSeq(submission.clientId());
    if (submission.clientSeq() <= lastSeq) {
      return new Rejected(new StaleSequence(submission.clientSeq(), lastSeq));
    }
    long base = submission.baseRevision();
    if (base > headRevision()) {
      return new Rejected(new BaseRevisionInFuture(base, headRevision()));
    }
    if (base < oldestRetained) {
      return new Rejected(new HistoryCompacted(base, oldestRetained));
    }
    Operation operation = submission.operation();
    List<String> problems = operation.problems();
    if (!problems.isEmpty()) {
      return new Rejected(new InvalidOperation(problems));
    }
    int lengthAtBase = lengthAt(base);
    if (submission.coveredLength() > lengthAtBase) {
      // A retain past the end is refused even where canonical form dropped it: operations cover
      // the document exactly (a trailing retain may be omitted, never overrun).
      return new Rejected(new OperationDoesNotFit(submission.coveredLength(), lengthAtBase));
    }
    Rebase rebase = new Rebase(operation);
    for (long revision = base + 1; revision <= headRevision(); revision++) {
      long committed = revision;
      rebase.over(
          store.operation(revision),
          store.reach(revision),
          () -> TieBreak.firstGoesFirst(store.clientId(committed), submission.clientId()));
    }
    operation = rebase.result();
    @SuppressWarnings("ReferenceEquality") // ANY is the one constant that judges nothing
    boolean judged = admission != Admission.ANY;
    if (judged) {
      // Only a judged operation pays for a snapshot of the head.
      Optional<Rejection> refused = admission.judge(operation, head.snapshot());
      if (refused.isPresent()) {
        return new Rejected(refused.get());
      }
    }
    long revision = append(operation, submission);
    return new Applied(revision, operation);
  }

  /** Applies an operation already transformed to the head and records it as the next revision. */
  private long append(Operation operation, Submission submission) {
    head.apply(operation);
    long revision = store.nextRevision();
    store.append(
        operation,
        head.length(),
        submission.author(),
        submission.time(),
        submission.clientId(),
        submission.clientSeq());
    clients.record(submission.clientId(), submission.clientSeq(), revision);
    if (revision % CHECKPOINT_INTERVAL == 0) {
      checkpoints.put(revision, head.snapshot());
    }
    return revision;
  }

  /** The whole state as plain values, for a Raft snapshot. */
  public LogSnapshot snapshot() {
    return freeze().snapshot();
  }

  /**
   * The state as of now, captured in time proportional to the number of clients and names (not of
   * revisions): its {@link FrozenLog#snapshot()} may run later, on another thread, while this log
   * goes on taking submissions. The server's Raft snapshots are taken this way.
   */
  public FrozenLog freeze() {
    return new FrozenLog(
        oldestRetained,
        checkpoints.get(oldestRetained),
        store.view(),
        clients.marksUpTo(oldestRetained),
        new TreeMap<>(names));
  }

  /** The log a {@link #snapshot()} was taken of. */
  public static DocumentLog fromSnapshot(LogSnapshot snapshot) {
    DocumentLog log =
        new DocumentLog(Document.fromContent(snapshot.content()), snapshot.oldestRetained());
    for (LogSnapshot.ClientMark mark : snapshot.clientMarks()) {
      log.clients.record(mark.clientId(), mark.clientSeq(), mark.revision());
    }
    for (Revision revision : snapshot.revisions()) {
      if (revision.number() != log.store.nextRevision()) {
        throw new IllegalArgumentException("snapshot revisions are not consecutive at " + revision);
      }
      log.append(
          revision.operation(),
          new Submission(
              revision.clientId(),
              revision.clientSeq(),
              revision.number() - 1,
              revision.operation(),
              revision.author(),
              revision.time()));
    }
    log.names.putAll(snapshot.names());
    return log;
  }

  /** The content at a retained revision. */
  public Optional<Document> contentAt(long revision) {
    if (!isRetained(revision)) {
      return Optional.empty();
    }
    if (revision == headRevision()) {
      return Optional.of(head.snapshot());
    }
    Map.Entry<Long, Document> checkpoint = checkpoints.floorEntry(revision);
    Document content = checkpoint.getValue();
    for (long r = checkpoint.getKey() + 1; r <= revision; r++) {
      content = content.apply(store.operation(r));
    }
    return Optional.of(content);
  }

  /** A committed revision, if retained (revision 0 and compacted ones have no operation). */
  public Optional<Revision> revision(long revision) {
    return revision > oldestRetained && revision <= headRevision()
        ? Optional.of(store.revision(revision))
        : Optional.empty();
  }

  /**
   * The revisions after {@code revision}, oldest first: what a client that has seen {@code
   * revision} missed. Empty when it is older than the retained history (the client must resync).
   */
  public Optional<List<Revision>> revisionsAfter(long revision) {
    if (!isRetained(revision)) {
      return Optional.empty();
    }
    List<Revision> missed = new ArrayList<>();
    for (long r = revision + 1; r <= headRevision(); r++) {
      missed.add(store.revision(r));
    }
    return Optional.of(missed);
  }

  /** The operation turning the content at {@code from} into the content at {@code to}. */
  public Optional<Operation> diff(long from, long to) {
    Optional<Document> a = contentAt(from);
    Optional<Document> b = contentAt(to);
    return a.isPresent() && b.isPresent() ? Optional.of(a.get().diffTo(b.get())) : Optional.empty();
  }

  /**
   * Makes the content at {@code revision} the head again, as a new forward operation (the diff from
   * the head to that content), exactly once per (clientId, clientSeq). It merges with concurrent
   * typing like any edit and can be undone.
   */
  public SubmitResult restore(
      String clientId, long clientSeq, long revision, String author, Instant time) {
    OptionalLong earlier = clients.revisionOf(clientId, clientSeq);
    if (earlier.isPresent()) {
      return new Duplicate(earlier.getAsLong());
    }
    Optional<Document> old = contentAt(revision);
    if (old.isEmpty()) {
      return new Rejected(new NoSuchRevision(revision, oldestRetained, headRevision()));
    }
    Operation restore = head.snapshot().diffTo(old.get());
    return submit(new Submission(clientId, clientSeq, headRevision(), restore, author, time));
  }

  /**
   * Names a revision ({@code name} empty removes the name). Returns the rejection when the revision
   * is not retained, empty on success.
   */
  public Optional<Rejection> nameVersion(long revision, String name) {
    if (revision <= oldestRetained || revision > headRevision()) {
      return Optional.of(new NoSuchRevision(revision, oldestRetained + 1, headRevision()));
    }
    if (name.isEmpty()) {
      names.remove(revision);
    } else {
      names.put(revision, name);
    }
    return Optional.empty();
  }

  /** The named revisions, oldest first. */
  public NavigableMap<Long, String> namedVersions() {
    return java.util.Collections.unmodifiableNavigableMap(names);
  }

  /**
   * The retained history as versions, oldest first: consecutive revisions by one author, each
   * within {@code gap} of the previous, form one version; a named revision ends its version.
   */
  public List<Version> versions(Duration gap) {
    if (headRevision() == oldestRetained) {
      return List.of();
    }
    return VersionGrouping.group(store, oldestRetained + 1, headRevision(), gap, names);
  }

  /**
   * Forgets the operations up to {@code revision}, which becomes the oldest retained revision:
   * later submissions based on an older revision are refused with {@link HistoryCompacted}.
   */
  public void compactTo(long revision) {
    if (revision <= oldestRetained) {
      return;
    }
    if (revision > headRevision()) {
      throw new IllegalArgumentException(
          "cannot compact to " + revision + " beyond the head " + headRevision());
    }
    Document content = contentAt(revision).orElseThrow();
    store.dropBefore(revision + 1);
    clients.dropBefore(revision + 1);
    checkpoints.headMap(revision, true).clear();
    checkpoints.put(revision, content);
    names.headMap(revision, true).clear();
    oldestRetained = revision;
  }

  private boolean isRetained(long revision) {
    return revision >= oldestRetained && revision <= headRevision();
  }

  /** The revision that (clientId, clientSeq) became, if it was applied and is remembered. */
  public OptionalLong appliedRevisionOf(String clientId, long clientSeq) {
    return clients.revisionOf(clientId, clientSeq);
  }

  /** The length in code points at a retained revision, empty when it is not retained. */
  public java.util.OptionalInt lengthAtRevision(long revision) {
    return isRetained(revision)
        ? java.util.OptionalInt.of(lengthAt(revision))
        : java.util.OptionalInt.empty();
  }

  private int lengthAt(long revision) {
    return revision == oldestRetained
        ? checkpoints.get(oldestRetained).length()
        : store.lengthAfter(revision);
  }
}
