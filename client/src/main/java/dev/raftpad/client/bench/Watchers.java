package dev.raftpad.client.bench;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.client.sdk.model.DocumentRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The load generator's watchers: people with a document open who only read it. Each has a stream of
 * one document from its start and records when each operation arrives; at the end, every operation
 * of the document must have arrived at every watcher, in revision order, with no gap.
 *
 * <p>Watchers sign in as accounts of their own (a user may hold 100 streams at a node), {@link
 * #STREAMS_PER_ACCOUNT} streams each, and the documents are opened to every signed-in user as
 * viewers.
 */
final class Watchers implements AutoCloseable {
  static final int STREAMS_PER_ACCOUNT = 90;

  /** One watcher's stream and what it saw; its events arrive on its client's event thread. */
  private static final class Watcher {
    private final Histogram receipts = new Histogram(3);
    private final String documentId;
    private long lastRevision;
    private long gaps;
    private boolean resynced;

    Watcher(String documentId) {
      this.documentId = documentId;
    }

    synchronized void received(RaftpadEvent event, ToLongFunction<RaftpadEvent> latencyNanos) {
      switch (event) {
        case RaftpadEvent.OperationCommitted op -> {
          if (op.revision() != lastRevision + 1) {
            gaps++;
          }
          lastRevision = op.revision();
          long nanos = latencyNanos.applyAsLong(event);
          if (nanos >= 0) {
            receipts.recordValue(nanos);
          }
        }
        case RaftpadEvent.ResyncNeeded r -> resynced = true;
        default -> {}
      }
    }

    synchronized long missed(long headRevision) {
      return gaps + Math.max(0, headRevision - lastRevision) + (resynced ? 1 : 0);
    }

    synchronized void addReceiptsTo(Histogram all) {
      all.add(receipts);
    }
  }

  /** What the watchers saw. */
  record Seen(Histogram receipts, long missed) {}

  private final List<RaftpadClient> accounts = new ArrayList<>();
  private final List<EventStream> streams = new ArrayList<>();
  private final List<Watcher> watchers = new ArrayList<>();

  /**
   * Opens {@code count} watchers spread over {@code documents}, each from revision 0.
   *
   * @param signInAccount a new signed-in client of watcher account {@code k}
   * @param latencyNanos submit-to-now of an operation of the load, or -1 when not measured
   */
  Watchers(
      int count,
      List<String> documents,
      RaftpadClient owner,
      IntFunction<RaftpadClient> signInAccount,
      ToLongFunction<RaftpadEvent> latencyNanos) {
    if (count == 0) {
      return;
    }
    for (String documentId : documents) {
      owner.sharing().setLinkAccess(documentId, DocumentRole.VIEWER);
    }
    for (int w = 0; w < count; w++) {
      if (w % STREAMS_PER_ACCOUNT == 0) {
        accounts.add(signInAccount.apply(w / STREAMS_PER_ACCOUNT));
      }
      String documentId = documents.get(w % documents.size());
      Watcher watcher = new Watcher(documentId);
      watchers.add(watcher);
      streams.add(
          accounts
              .getLast()
              .subscribe(
                  List.of(documentId),
                  Map.of(documentId, 0L),
                  event -> watcher.received(event, latencyNanos)));
    }
  }

  /** Every watcher's receipts, and the operations some watcher never received. */
  Seen seen(Map<String, Long> headRevisions) {
    Histogram all = new Histogram(3);
    for (Watcher watcher : watchers) {
      watcher.addReceiptsTo(all);
    }
    return new Seen(all, missed(headRevisions));
  }

  /** The operations up to {@code headRevisions} that some watcher has not received (yet). */
  long missed(Map<String, Long> headRevisions) {
    long missed = 0;
    for (Watcher watcher : watchers) {
      missed += watcher.missed(headRevisions.getOrDefault(watcher.documentId, 0L));
    }
    return missed;
  }

  int count() {
    return watchers.size();
  }

  @Override
  public void close() {
    streams.forEach(EventStream::close);
    accounts.forEach(RaftpadClient::close);
  }
}
