package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.Page;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DeleteDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.DocumentServiceGrpc.DocumentServiceBlockingStub;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.RenameDocumentRequest;
import dev.raftpad.proto.v1.UndeleteDocumentRequest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Documents: list, create, read (at head or a revision), rename, delete, undelete. Blocking. */
public final class Documents {
  private final Connection connection;

  Documents(Connection connection) {
    this.connection = connection;
  }

  /**
   * One page of documents.
   *
   * @param pageSize 0 = the server's default
   * @param pageToken empty for the first page
   * @param allowStale read the answering node's state without a round to the leader
   */
  public Page<DocumentInfo> list(
      boolean includeDeleted, int pageSize, String pageToken, boolean allowStale) {
    return page(
        ListDocumentsRequest.newBuilder()
            .setIncludeDeleted(includeDeleted)
            .setPageSize(pageSize)
            .setPageToken(pageToken)
            .setAllowStale(allowStale)
            .build());
  }

  /**
   * One page of every document's metadata, whoever may read it (admins only: to find an orphaned
   * document and transfer its ownership; never content). {@code yourRole} is the admin's own.
   */
  public Page<DocumentInfo> listForAdmin(boolean includeDeleted, int pageSize, String pageToken) {
    return page(
        ListDocumentsRequest.newBuilder()
            .setIncludeDeleted(includeDeleted)
            .setPageSize(pageSize)
            .setPageToken(pageToken)
            .setAdminister(true)
            .build());
  }

  private Page<DocumentInfo> page(ListDocumentsRequest request) {
    var response = call(CallKind.READ, stub -> stub.listDocuments(request));
    return new Page<>(
        response.getDocumentsList().stream().map(Wire::document).toList(),
        response.getNextPageToken().isEmpty()
            ? Optional.empty()
            : Optional.of(response.getNextPageToken()));
  }

  /** The first page of live documents, linearizably. */
  public Page<DocumentInfo> list() {
    return list(false, 0, "", false);
  }

  /**
   * Creates a document. Not retried once it may have reached the server (a retry could create a
   * second document).
   *
   * @param initialContent inserts only; {@link Operation#IDENTITY} for an empty document
   */
  public DocumentInfo create(String title, Operation initialContent) {
    var response =
        call(
            CallKind.WRITE_ONCE,
            stub ->
                stub.createDocument(
                    CreateDocumentRequest.newBuilder()
                        .setTitle(title)
                        .setInitialContent(OperationCodec.toWire(initialContent))
                        .build()));
    return Wire.document(response.getDocument());
  }

  public DocumentInfo create(String title, String initialText) {
    return create(
        title, initialText.isEmpty() ? Operation.IDENTITY : Operation.insert(0, initialText));
  }

  /** The document at head, linearizably. */
  public DocumentSnapshot get(String documentId) {
    return get(documentId, OptionalLong.empty(), false);
  }

  /**
   * The document at {@code revision} (empty = head).
   *
   * @param allowStale the answering node's applied state, without a round to the leader
   */
  public DocumentSnapshot get(String documentId, OptionalLong revision, boolean allowStale) {
    GetDocumentRequest.Builder request =
        GetDocumentRequest.newBuilder().setDocumentId(documentId).setAllowStale(allowStale);
    revision.ifPresent(request::setRevision);
    return Wire.snapshot(call(CallKind.READ, stub -> stub.getDocument(request.build())));
  }

  /**
   * The document's metadata at head (title, revision, length, lock, your role), linearizably and
   * without its content: as cheap for a million code points as for a line.
   */
  public DocumentInfo info(String documentId) {
    GetDocumentRequest request =
        GetDocumentRequest.newBuilder().setDocumentId(documentId).setInfoOnly(true).build();
    return Wire.document(call(CallKind.READ, stub -> stub.getDocument(request)).getDocument());
  }

  /** Renames (renaming to the same title twice is one rename, so it is retried). */
  public DocumentInfo rename(String documentId, String title) {
    return Wire.document(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.renameDocument(
                        RenameDocumentRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setTitle(title)
                            .build()))
            .getDocument());
  }

  /** Moves to the trash. */
  public DocumentInfo delete(String documentId) {
    return Wire.document(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.deleteDocument(
                        DeleteDocumentRequest.newBuilder().setDocumentId(documentId).build()))
            .getDocument());
  }

  /** Restores from the trash. */
  public DocumentInfo undelete(String documentId) {
    return Wire.document(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.undeleteDocument(
                        UndeleteDocumentRequest.newBuilder().setDocumentId(documentId).build()))
            .getDocument());
  }

  private <T> T call(CallKind kind, Function<DocumentServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a ->
            rpc.apply(DocumentServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
