package dev.raftpad.client.sdk.session;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.sync.Outgoing;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * Sends a session's operations, one at a time, retrying each with its own (clientId, clientSeq)
 * until the server answers — through leader failovers and restarts: a resend is idempotent, so
 * "keep trying" is always safe. Confirmation itself arrives on the subscription, not here.
 */
final class Sender implements AutoCloseable {
  private final Connection connection;
  private final String documentId;
  private final BiConsumer<Outgoing, RaftpadException> onRefused;
  private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private volatile Thread thread;

  /** The last operation the server answered; a later resend of it is skipped. */
  private Outgoing done;

  Sender(
      Connection connection, String documentId, BiConsumer<Outgoing, RaftpadException> onRefused) {
    this.connection = connection;
    this.documentId = documentId;
    this.onRefused = onRefused;
  }

  void start() {
    connection.workers().execute(this::run);
  }

  /** Queues an operation (never blocks: called under the session lock). */
  void send(Outgoing outgoing) {
    queue.add(outgoing);
  }

  /** Forgets queued operations (the session reloaded under a new client id). */
  void clear() {
    queue.clear();
  }

  private void run() {
    thread = Thread.currentThread();
    try {
      while (!closed) {
        Outgoing next = queue.take();
        if (done != null
            && done.clientId().equals(next.clientId())
            && next.clientSeq() <= done.clientSeq()) {
          continue;
        }
        submit(next);
      }
    } catch (InterruptedException e) {
      // Closed.
    }
  }

  private void submit(Outgoing outgoing) {
    SubmitOperationRequest request =
        SubmitOperationRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(outgoing.clientId())
            .setClientSeq(outgoing.clientSeq())
            .setBaseRevision(outgoing.baseRevision())
            .setOperation(OperationCodec.toWire(outgoing.operation()))
            .build();
    while (!closed && !connection.isClosed()) {
      try {
        var unused =
            connection.call(
                CallKind.IDEMPOTENT_WRITE,
                a ->
                    EditServiceGrpc.newBlockingStub(a.channel())
                        .withDeadline(a.deadline())
                        .submitOperation(request));
        done = outgoing;
        return;
      } catch (RaftpadException e) {
        if (closed || e.reason() == RaftpadException.Reason.CANCELLED) {
          return;
        }
        if (!e.reason().isTransient()) {
          onRefused.accept(outgoing, e);
          return;
        }
        // The cluster is unavailable for longer than a call's deadline: keep trying.
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }
}
