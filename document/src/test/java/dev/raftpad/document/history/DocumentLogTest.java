package dev.raftpad.document.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.history.Rejection.BaseRevisionInFuture;
import dev.raftpad.document.history.Rejection.HistoryCompacted;
import dev.raftpad.document.history.Rejection.InvalidOperation;
import dev.raftpad.document.history.Rejection.NoSuchRevision;
import dev.raftpad.document.history.Rejection.OperationDoesNotFit;
import dev.raftpad.document.history.Rejection.StaleSequence;
import dev.raftpad.document.history.SubmitResult.Applied;
import dev.raftpad.document.history.SubmitResult.Duplicate;
import dev.raftpad.document.history.SubmitResult.Rejected;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentLogTest {
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

  private final DocumentLog log = new DocumentLog();

  private SubmitResult submit(String client, long seq, long base, Operation op) {
    return submit(client, seq, base, op, client, T0);
  }

  private SubmitResult submit(
      String client, long seq, long base, Operation op, String author, Instant time) {
    return log.submit(new Submission(client, seq, base, op, author, time));
  }

  @Test
  void appliesAndAssignsTheNextRevision() {
    assertThat(submit("c1", 1, 0, Operation.insert(0, "hello"))).isInstanceOf(Applied.class);
    SubmitResult second = submit("c1", 2, 1, Operation.insert(5, " world"));

    assertThat(second).isEqualTo(new Applied(2, Operation.insert(5, " world")));
    assertThat(log.headRevision()).isEqualTo(2);
    assertThat(log.head().text()).isEqualTo("hello world");
  }

  @Test
  void transformsAgainstEverythingCommittedSinceTheBaseRevision() {
    submit("c1", 1, 0, Operation.insert(0, "abc"));
    submit("c1", 2, 1, Operation.insert(0, "X")); // revision 2: "Xabc"
    submit("c1", 3, 2, Operation.delete(3, 1)); // revision 3: "Xab"

    // c2 saw revision 1 ("abc") and inserts at its end and at the same place as X.
    SubmitResult result =
        submit("c2", 1, 1, Operation.builder().insert("Y").retain(3).insert("!").build());

    assertThat(result).isInstanceOf(Applied.class);
    assertThat(log.head().text()).as("the earlier-committed insert goes first").isEqualTo("XYab!");
  }

  @Test
  void tiesGoToTheClientWhoseIdSortsFirstWhateverTheArrivalOrder() {
    submit("c2", 1, 0, Operation.insert(0, "Y"));
    submit("c3", 1, 0, Operation.insert(0, "Z"));
    submit("c1", 1, 0, Operation.insert(0, "X"));

    assertThat(log.head().text()).isEqualTo("XYZ");
  }

  @Test
  void aResubmissionIsAppliedOnlyOnce() {
    submit("c1", 1, 0, Operation.insert(0, "a"));
    submit("c2", 1, 1, Operation.insert(1, "b"));

    SubmitResult again = submit("c1", 1, 0, Operation.insert(0, "a"));

    assertThat(again).isEqualTo(new Duplicate(1));
    assertThat(log.head().text()).isEqualTo("ab");
    assertThat(log.headRevision()).isEqualTo(2);
  }

  @Test
  void anUnknownOlderSequenceNumberIsRefused() {
    submit("c1", 5, 0, Operation.insert(0, "a"));

    assertThat(submit("c1", 3, 1, Operation.insert(0, "b")))
        .isEqualTo(new Rejected(new StaleSequence(3, 5)));
  }

  @Test
  void aBaseRevisionInTheFutureIsRefused() {
    SubmitResult result = submit("c1", 1, 7, Operation.insert(0, "a"));

    assertThat(result).isEqualTo(new Rejected(new BaseRevisionInFuture(7, 0)));
    assertThat(((Rejected) result).reason().message()).contains("ahead");
  }

  @Test
  void aBaseRevisionOlderThanTheRetainedHistoryAsksForAResync() {
    for (int i = 1; i <= 10; i++) {
      submit("c1", i, i - 1, Operation.insert(0, "x"));
    }
    log.compactTo(6);

    SubmitResult result = submit("c2", 1, 3, Operation.insert(0, "y"));

    assertThat(result).isEqualTo(new Rejected(new HistoryCompacted(3, 6)));
    assertThat(((Rejected) result).reason().message()).contains("resync");
    assertThat(log.contentAt(5)).isEmpty();
    assertThat(log.contentAt(6)).map(Document::text).contains("xxxxxx");
    assertThat(log.revisionsAfter(5)).isEmpty();
    assertThat(log.revisionsAfter(8).orElseThrow()).hasSize(2);
    assertThat(submit("c2", 1, 6, Operation.insert(0, "y"))).isInstanceOf(Applied.class);
    assertThat(submit("c1", 10, 9, Operation.insert(0, "x")))
        .as("exactly-once survives compaction for the newest sequence")
        .isEqualTo(new Duplicate(10));
  }

  @Test
  void operationsThatDoNotFitOrAreMalformedAreRefused() {
    submit("c1", 1, 0, Operation.insert(0, "abc"));

    assertThat(submit("c1", 2, 1, Operation.delete(2, 5)))
        .isEqualTo(new Rejected(new OperationDoesNotFit(7, 3)));
    assertThat(submit("c1", 3, 0, Operation.delete(0, 1)))
        .as("measured against the base revision, not the head")
        .isEqualTo(new Rejected(new OperationDoesNotFit(1, 0)));
    assertThat(
            submit("c1", 4, 1, Operation.format(0, 1, Attributes.builder().color("red").build())))
        .isInstanceOf(Rejected.class)
        .extracting(r -> ((Rejected) r).reason())
        .isInstanceOf(InvalidOperation.class);
    assertThat(log.headRevision()).isEqualTo(1);
  }

  @Test
  void contentAtEveryRevisionMatchesSequentialApplication() {
    RandomEdits edits = new RandomEdits(42);
    List<Document> expected = new ArrayList<>();
    Document document = Document.empty();
    expected.add(document);
    for (int i = 1; i <= 3 * DocumentLog.CHECKPOINT_INTERVAL + 17; i++) {
      Operation op = edits.operation(document.length());
      document = document.apply(op);
      expected.add(document);
      assertThat(submit("c1", i, i - 1, op)).isInstanceOf(Applied.class);
    }
    for (int revision = 0; revision < expected.size(); revision += 97) {
      assertThat(log.contentAt(revision)).contains(expected.get(revision));
    }
    assertThat(log.contentAt(expected.size() - 1)).contains(document);
    assertThat(log.contentAt(expected.size())).isEmpty();
  }

  @Test
  void versionsGroupAnAuthorsEditsWithinTheGap() {
    submit("a", 1, 0, Operation.insert(0, "a"), "alice", T0);
    submit("a", 2, 1, Operation.insert(0, "a"), "alice", T0.plusSeconds(60));
    submit("a", 3, 2, Operation.insert(0, "a"), "alice", T0.plusSeconds(240));
    submit("b", 1, 3, Operation.insert(0, "b"), "bob", T0.plusSeconds(250));
    submit("a", 4, 4, Operation.insert(0, "a"), "alice", T0.plusSeconds(260));
    submit("a", 5, 5, Operation.insert(0, "a"), "alice", T0.plusSeconds(2000));

    List<Version> versions = log.versions(DocumentLog.DEFAULT_VERSION_GAP);

    assertThat(versions)
        .extracting(Version::firstRevision, Version::lastRevision, Version::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 3L, "alice"),
            org.assertj.core.groups.Tuple.tuple(4L, 4L, "bob"),
            org.assertj.core.groups.Tuple.tuple(5L, 5L, "alice"),
            org.assertj.core.groups.Tuple.tuple(6L, 6L, "alice"));
    assertThat(versions.get(0).startTime()).isEqualTo(T0);
    assertThat(versions.get(0).endTime()).isEqualTo(T0.plusSeconds(240));
  }

  @Test
  void aNamedRevisionEndsItsVersionAndShowsItsName() {
    for (int i = 1; i <= 3; i++) {
      submit("a", i, i - 1, Operation.insert(0, "a"), "alice", T0.plusSeconds(i));
    }

    assertThat(log.nameVersion(2, "first draft")).isEmpty();
    assertThat(log.nameVersion(9, "nope")).containsInstanceOf(NoSuchRevision.class);

    assertThat(log.versions(DocumentLog.DEFAULT_VERSION_GAP))
        .extracting(Version::lastRevision, Version::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, Optional.of("first draft")),
            org.assertj.core.groups.Tuple.tuple(3L, Optional.empty()));
    assertThat(log.namedVersions()).containsEntry(2L, "first draft");
    log.nameVersion(2, "");
    assertThat(log.namedVersions()).isEmpty();
  }

  @Test
  void restoreIsASmallForwardOperationThatMergesWithConcurrentTyping() {
    submit("c1", 1, 0, Operation.insert(0, "The quick brown fox"));
    submit("c1", 2, 1, Operation.delete(4, 6)); // "The brown fox"
    submit("c1", 3, 2, Operation.insert(13, " jumps")); // "The brown fox jumps"

    SubmitResult restored = log.restore("c2", 1, 1, "bob", T0);

    assertThat(restored).isInstanceOf(Applied.class);
    Applied applied = (Applied) restored;
    assertThat(applied.revision()).isEqualTo(4);
    assertThat(log.head().text()).isEqualTo("The quick brown fox");
    assertThat(applied.operation())
        .as("a diff, not a swap of content")
        .isEqualTo(Operation.builder().retain(4).insert("quick ").retain(9).delete(6).build());
    assertThat(log.restore("c2", 1, 1, "bob", T0)).isEqualTo(new Duplicate(4));

    // Someone typing at revision 3, unaware of the restore, still lands.
    submit("c3", 1, 3, Operation.insert(0, ">> "));
    assertThat(log.head().text()).isEqualTo(">> The quick brown fox");
    assertThat(log.restore("c2", 2, 99, "bob", T0))
        .isEqualTo(new Rejected(new NoSuchRevision(99, 0, 5)));
    assertThat(log.diff(2, 1)).contains(Operation.builder().retain(4).insert("quick ").build());
  }

  @Test
  void theSameSubmissionsGiveTheSameLog() {
    RandomEdits edits = new RandomEdits(7);
    DocumentLog other = new DocumentLog();
    for (int i = 1; i <= 300; i++) {
      long base = Math.max(0, log.headRevision() - edits.random().nextInt(3));
      Operation op = edits.operation(log.contentAt(base).orElseThrow().length());
      Submission submission =
          new Submission("c" + (i % 3), i, base, op, "u" + (i % 2), T0.plusSeconds(i));
      assertThat(other.submit(submission)).isEqualTo(log.submit(submission));
    }
    assertThat(other.head()).isEqualTo(log.head());
    assertThat(other.versions(Duration.ofMinutes(1)))
        .isEqualTo(log.versions(Duration.ofMinutes(1)));
  }

  @Test
  void aSnapshotRestoresAnIdenticalLog() {
    RandomEdits edits = new RandomEdits(11);
    for (int i = 1; i <= 2500; i++) {
      Operation op = edits.operation(log.head().length());
      submit("c" + (i % 4), i, log.headRevision(), op, "u" + (i % 3), T0.plusSeconds(i * 10L));
    }
    log.nameVersion(2000, "draft");
    log.compactTo(1500);

    DocumentLog restored = DocumentLog.fromSnapshot(log.snapshot());

    assertThat(restored.snapshot()).isEqualTo(log.snapshot());
    assertThat(restored.head()).isEqualTo(log.head());
    assertThat(restored.contentAt(1700)).isEqualTo(log.contentAt(1700));
    assertThat(restored.versions(Duration.ofMinutes(5)))
        .isEqualTo(log.versions(Duration.ofMinutes(5)));
    Submission next =
        new Submission("c9", 1, 1600, Operation.insert(0, "z"), "u9", T0.plusSeconds(99_999));
    assertThat(restored.submit(next)).isEqualTo(log.submit(next));
    Submission resent =
        new Submission("c3", 1499, 1490, Operation.insert(0, "z"), "u1", T0.plusSeconds(99_999));
    assertThat(restored.submit(resent)).isEqualTo(log.submit(resent));
    assertThat(restored.head()).isEqualTo(log.head());
  }

  @Test
  void aFrozenLogIsTheSnapshotOfItsCaptureThoughTheLogGrowsAndCompactsAfterwards() {
    RandomEdits edits = new RandomEdits(13);
    for (int i = 1; i <= 1500; i++) {
      Operation op = edits.operation(log.head().length());
      submit("c" + (i % 5), i, log.headRevision(), op, "u" + (i % 3), T0.plusSeconds(i));
    }
    log.nameVersion(1200, "draft");
    log.compactTo(300);
    LogSnapshot atCapture = log.snapshot();

    FrozenLog frozen = log.freeze();
    for (int i = 1501; i <= 4000; i++) { // past the next array growth and a checkpoint or two
      Operation op = edits.operation(log.head().length());
      submit("new" + (i % 7), i, log.headRevision(), op, "w" + (i % 2), T0.plusSeconds(i));
    }
    log.nameVersion(3000, "later");
    log.compactTo(2500);

    assertThat(frozen.snapshot()).isEqualTo(atCapture);
  }
}
