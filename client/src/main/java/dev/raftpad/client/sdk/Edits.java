package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationRequest;

/**
 * One-shot edits outside an editing session (scripts, the CLI, benchmarks): an operation made
 * against a revision the caller read. The server transforms it past whatever was committed since,
 * so it merges with concurrent typing. Retried safely: {@code (clientId, clientSeq)} makes a resend
 * a no-op. Live editors use a {@link dev.raftpad.client.sdk.session.DocumentSession}.
 */
public final class Edits {
  private final Connection connection;

  Edits(Connection connection) {
    this.connection = connection;
  }

  /** What the server did with an edit. */
  public record Submitted(long revision, boolean duplicate) {}

  public Submitted submit(
      String documentId, String clientId, long clientSeq, long baseRevision, Operation operation) {
    SubmitOperationRequest request =
        SubmitOperationRequest.newBuilder()
            .setDocumentId(documentId)
            .setClientId(clientId)
            .setClientSeq(clientSeq)
            .setBaseRevision(baseRevision)
            .setOperation(OperationCodec.toWire(operation))
            .build();
    var response =
        connection.call(
            CallKind.IDEMPOTENT_WRITE,
            a ->
                EditServiceGrpc.newBlockingStub(a.channel())
                    .withDeadline(a.deadline())
                    .submitOperation(request));
    return new Submitted(response.getRevision(), response.getDuplicate());
  }
}
