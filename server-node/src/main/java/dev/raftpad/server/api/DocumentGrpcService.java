package dev.raftpad.server.api;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.CreateDocumentResponse;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.wire.InvalidInputException;
import dev.raftpad.server.wire.OperationMapper;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.UUID;

/** Documents: create and read (rename, delete, list and undelete follow). */
public final class DocumentGrpcService extends DocumentServiceGrpc.DocumentServiceImplBase {
  private final Replicator replicator;

  public DocumentGrpcService(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void createDocument(
      CreateDocumentRequest request, StreamObserver<CreateDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    try {
      String title = Inputs.text("title", request.getTitle(), 200);
      var content = OperationMapper.fromWire(request.getInitialContent(), "initial_content");
      if (content.baseLength() != 0) {
        throw new InvalidInputException("initial_content", "must contain inserts only");
      }
      Replies.fromCommand(
          replicator.propose(
              Command.newBuilder()
                  .setCreateDocument(
                      CreateDocumentCommand.newBuilder()
                          .setDocumentId(UUID.randomUUID().toString())
                          .setTitle(title)
                          .setOwnerUserId(session.userId())
                          .setInitialContent(request.getInitialContent()))),
          response,
          replicator,
          value ->
              CreateDocumentResponse.newBuilder()
                  .setDocument(info((DocumentRecord) value, 0, content.lengthChange()))
                  .build());
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
    }
  }

  @Override
  public void getDocument(
      GetDocumentRequest request, StreamObserver<GetDocumentResponse> response) {
    Caller.session();
    String id = request.getDocumentId();
    Replies.from(
        replicator.read(
            state -> {
              DocumentLog log = state.documentLog(id);
              if (log == null) {
                throw notFound(id);
              }
              long revision = request.hasRevision() ? request.getRevision() : log.headRevision();
              Document content =
                  log.contentAt(revision)
                      .orElseThrow(
                          () ->
                              Statuses.refused(
                                  new CommandResult.Refused(
                                      ErrorReason.ERROR_REASON_REVISION_IN_FUTURE,
                                      "no revision "
                                          + revision
                                          + " (head "
                                          + log.headRevision()
                                          + ")",
                                      Map.of())));
              return GetDocumentResponse.newBuilder()
                  .setDocument(
                      info(state.documentMeta(id), log.headRevision(), log.head().length()))
                  .setRevision(revision)
                  .setContent(OperationMapper.toWire(content.asOperation()))
                  .build();
            }),
        response,
        replicator);
  }

  @Override
  public void renameDocument(
      dev.raftpad.proto.v1.RenameDocumentRequest request,
      StreamObserver<dev.raftpad.proto.v1.RenameDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    String title;
    try {
      title = Inputs.text("title", request.getTitle(), 200);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Command.newBuilder()
                .setRenameDocument(
                    dev.raftpad.proto.v1.RenameDocumentCommand.newBuilder()
                        .setDocumentId(request.getDocumentId())
                        .setUserId(session.userId())
                        .setTitle(title))),
        response,
        replicator,
        value ->
            dev.raftpad.proto.v1.RenameDocumentResponse.newBuilder()
                .setDocument(withLog((DocumentRecord) value))
                .build());
  }

  @Override
  public void deleteDocument(
      dev.raftpad.proto.v1.DeleteDocumentRequest request,
      StreamObserver<dev.raftpad.proto.v1.DeleteDocumentResponse> response) {
    SessionIndex.Session session = Caller.session();
    Replies.fromCommand(
        replicator.propose(
            Command.newBuilder()
                .setDeleteDocument(
                    dev.raftpad.proto.v1.DeleteDocumentCommand.newBuilder()
                        .setDocumentId(request.getDocumentId())
                        .setUserId(session.userId()))),
        response,
        replicator,
        value ->
            dev.raftpad.proto.v1.DeleteDocumentResponse.newBuilder()
                .setDocument(withLog((DocumentRecord) value))
                .build());
  }

  @Override
  public void listDocuments(
      dev.raftpad.proto.v1.ListDocumentsRequest request,
      StreamObserver<dev.raftpad.proto.v1.ListDocumentsResponse> response) {
    Caller.session();
    Replies.from(
        replicator.read(
            state -> {
              var list = dev.raftpad.proto.v1.ListDocumentsResponse.newBuilder();
              for (DocumentRecord meta : state.documentMetas()) {
                if (!meta.getDeleted() || request.getIncludeDeleted()) {
                  DocumentLog log = state.documentLogIncludingDeleted(meta.getDocumentId());
                  list.addDocuments(info(meta, log.headRevision(), log.head().length()));
                }
              }
              return list.build();
            }),
        response,
        replicator);
  }

  /** Info of a document just changed by a command, read on the loop thread that applied it. */
  private DocumentInfo withLog(DocumentRecord meta) {
    DocumentLog log = replicator.state().documentLogIncludingDeleted(meta.getDocumentId());
    return info(meta, log.headRevision(), log.head().length());
  }

  static RuntimeException notFound(String id) {
    return Statuses.refused(
        new CommandResult.Refused(
            ErrorReason.ERROR_REASON_DOCUMENT_NOT_FOUND,
            "no document " + id,
            Map.of("document_id", id)));
  }

  static DocumentInfo info(DocumentRecord meta, long revision, int length) {
    DocumentInfo.Builder info =
        DocumentInfo.newBuilder()
            .setDocumentId(meta.getDocumentId())
            .setTitle(meta.getTitle())
            .setCreatedAt(AccountGrpcService.timestamp(meta.getCreatedAtMillis()))
            .setUpdatedAt(AccountGrpcService.timestamp(meta.getUpdatedAtMillis()))
            .setRevision(revision)
            .setLength(length)
            .setDeleted(meta.getDeleted());
    return info.build();
  }
}
