package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.Page;
import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.DiffRevisionsRequest;
import dev.raftpad.proto.v1.HistoryServiceGrpc;
import dev.raftpad.proto.v1.HistoryServiceGrpc.HistoryServiceBlockingStub;
import dev.raftpad.proto.v1.ListVersionsRequest;
import dev.raftpad.proto.v1.NameVersionRequest;
import dev.raftpad.proto.v1.RestoreRevisionRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Version history: versions, names, diffs, restore (as a forward operation). */
public final class History {
  private final Connection connection;

  /** Restores are deduplicated by (client id, sequence) like edits; one id per client. */
  private final String restoreClientId = "restore-" + UUID.randomUUID();

  private final AtomicLong restoreSeq = new AtomicLong();

  History(Connection connection) {
    this.connection = connection;
  }

  /** Versions newest first. */
  public Page<Version> listVersions(
      String documentId, int pageSize, String pageToken, boolean namedOnly) {
    var response =
        call(
            CallKind.READ,
            stub ->
                stub.listVersions(
                    ListVersionsRequest.newBuilder()
                        .setDocumentId(documentId)
                        .setPageSize(pageSize)
                        .setPageToken(pageToken)
                        .setNamedOnly(namedOnly)
                        .build()));
    return new Page<>(
        response.getVersionsList().stream().map(Wire::version).toList(),
        response.getNextPageToken().isEmpty()
            ? Optional.empty()
            : Optional.of(response.getNextPageToken()));
  }

  /** Names a revision; an empty name removes the name. */
  public Version nameVersion(String documentId, long revision, String name) {
    return Wire.version(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.nameVersion(
                        NameVersionRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setRevision(revision)
                            .setName(name)
                            .build()))
            .getVersion());
  }

  /** The operation turning {@code from}'s content into {@code to}'s. */
  public Operation diff(String documentId, long from, long to) {
    return OperationCodec.fromWire(
        call(
                CallKind.READ,
                stub ->
                    stub.diffRevisions(
                        DiffRevisionsRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setFromRevision(from)
                            .setToRevision(to)
                            .build()))
            .getDiff(),
        "diff");
  }

  /**
   * Makes {@code revision}'s content the head again, as a new forward operation.
   *
   * @return the revision the restore became
   */
  public long restore(String documentId, long revision) {
    RestoreRevisionRequest request =
        RestoreRevisionRequest.newBuilder()
            .setDocumentId(documentId)
            .setRevision(revision)
            .setClientId(restoreClientId)
            .setClientSeq(restoreSeq.incrementAndGet())
            .build();
    return call(CallKind.IDEMPOTENT_WRITE, stub -> stub.restoreRevision(request)).getRevision();
  }

  private <T> T call(CallKind kind, Function<HistoryServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a -> rpc.apply(HistoryServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
