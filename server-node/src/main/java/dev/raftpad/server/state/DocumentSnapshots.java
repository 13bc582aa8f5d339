package dev.raftpad.server.state;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.FrozenLog;
import dev.raftpad.document.history.LogSnapshot;
import dev.raftpad.document.history.Revision;
import dev.raftpad.proto.v1.ClientMarkRecord;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.NamedVersionRecord;
import dev.raftpad.proto.v1.RevisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A document's metadata and operation log to and from the one {@code DocumentRecord} a snapshot
 * holds per document. In the running state the record is kept without the log fields (the log is a
 * {@link DocumentLog}); only snapshots carry them.
 */
final class DocumentSnapshots {
  private DocumentSnapshots() {}

  /**
   * A document captured for a Raft snapshot: its record without the log fields (but with its review
   * and lock), and its log frozen. Taken on the Raft loop thread; {@link #record()} may run on
   * another.
   */
  record Frozen(DocumentRecord withoutLog, FrozenLog log) {
    /** The snapshot's record of the document. */
    DocumentRecord record() {
      return withLog(withoutLog, log.snapshot());
    }
  }

  /** {@code meta} (without log fields) with {@code review} written into it. */
  static DocumentRecord withReview(DocumentRecord meta, DocumentReview review) {
    return review.writeTo(meta.toBuilder()).build();
  }

  /** {@code record} (without log fields) with the log {@code snapshot} written into it. */
  static DocumentRecord withLog(DocumentRecord record, LogSnapshot snapshot) {
    DocumentRecord.Builder builder =
        record.toBuilder()
            .setOldestRetained(snapshot.oldestRetained())
            .setContentAtOldest(OperationCodec.toWire(snapshot.content()));
    for (Revision r : snapshot.revisions()) {
      builder.addRevisions(
          RevisionRecord.newBuilder()
              .setNumber(r.number())
              .setOperation(OperationCodec.toWire(r.operation()))
              .setAuthor(r.author())
              .setTimeMillis(r.time().toEpochMilli())
              .setClientId(r.clientId())
              .setClientSeq(r.clientSeq()));
    }
    for (LogSnapshot.ClientMark mark : snapshot.clientMarks()) {
      builder.addClientMarks(
          ClientMarkRecord.newBuilder()
              .setClientId(mark.clientId())
              .setClientSeq(mark.clientSeq())
              .setRevision(mark.revision()));
    }
    snapshot
        .names()
        .forEach(
            (revision, name) ->
                builder.addVersionNames(
                    NamedVersionRecord.newBuilder().setRevision(revision).setName(name)));
    return builder.build();
  }

  /**
   * The metadata of a snapshot's record: without the log fields, the review (comments and
   * suggestions, kept by {@link DocumentReview}), the images ({@link ImageStore}) and the lock.
   */
  static DocumentRecord metaOnly(DocumentRecord record) {
    return record.toBuilder()
        .clearImages()
        .clearThreads()
        .clearSuggestions()
        .clearReviewClients()
        .clearReviewVersion()
        .clearThreadsStarted()
        .clearReviewActivity()
        .clearLock()
        .clearOldestRetained()
        .clearContentAtOldest()
        .clearRevisions()
        .clearClientMarks()
        .clearVersionNames()
        .build();
  }

  /** The operation log a snapshot's record carries. */
  static DocumentLog logOf(DocumentRecord record) {
    List<Revision> revisions = new ArrayList<>();
    for (RevisionRecord r : record.getRevisionsList()) {
      revisions.add(
          new Revision(
              r.getNumber(),
              OperationCodec.fromWire(r.getOperation(), "snapshot"),
              r.getAuthor(),
              Instant.ofEpochMilli(r.getTimeMillis()),
              r.getClientId(),
              r.getClientSeq()));
    }
    List<LogSnapshot.ClientMark> marks = new ArrayList<>();
    for (ClientMarkRecord m : record.getClientMarksList()) {
      marks.add(new LogSnapshot.ClientMark(m.getClientId(), m.getClientSeq(), m.getRevision()));
    }
    TreeMap<Long, String> names = new TreeMap<>();
    record.getVersionNamesList().forEach(n -> names.put(n.getRevision(), n.getName()));
    return DocumentLog.fromSnapshot(
        new LogSnapshot(
            record.getOldestRetained(),
            OperationCodec.fromWire(record.getContentAtOldest(), "snapshot"),
            revisions,
            marks,
            names));
  }
}
