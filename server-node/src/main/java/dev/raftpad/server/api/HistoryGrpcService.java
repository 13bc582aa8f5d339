package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Version;
import dev.raftpad.proto.v1.DiffRevisionsRequest;
import dev.raftpad.proto.v1.DiffRevisionsResponse;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.HistoryServiceGrpc;
import dev.raftpad.proto.v1.ListVersionsRequest;
import dev.raftpad.proto.v1.ListVersionsResponse;
import dev.raftpad.proto.v1.NameVersionCommand;
import dev.raftpad.proto.v1.NameVersionRequest;
import dev.raftpad.proto.v1.NameVersionResponse;
import dev.raftpad.proto.v1.RestoreRevisionCommand;
import dev.raftpad.proto.v1.RestoreRevisionRequest;
import dev.raftpad.proto.v1.RestoreRevisionResponse;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.wire.ReviewWire;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Version history: versions grouped the way Google Docs shows them (one author's consecutive edits
 * within a few minutes), named versions, the diff between two revisions, and restore — a forward
 * operation computed by diff, so it merges with concurrent typing and can itself be undone.
 */
public final class HistoryGrpcService extends HistoryServiceGrpc.HistoryServiceImplBase {
  private final Replicator replicator;

  public HistoryGrpcService(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void listVersions(
      ListVersionsRequest request, StreamObserver<ListVersionsResponse> response) {
    String userId = Caller.session().userId();
    int pageSize = request.getPageSize() == 0 ? 100 : Math.min(request.getPageSize(), 1000);
    long before;
    try {
      before =
          request.getPageToken().isEmpty()
              ? Long.MAX_VALUE
              : Long.parseLong(request.getPageToken());
    } catch (NumberFormatException e) {
      response.onError(
          Statuses.invalid(
              new InvalidInputException("page_token", "not a token from this service")));
      return;
    }
    Replies.from(
        replicator.read(
            state -> {
              DocumentLog log = log(state, request.getDocumentId(), userId);
              List<Version> versions =
                  new ArrayList<>(log.versions(DocumentLog.DEFAULT_VERSION_GAP));
              java.util.Collections.reverse(versions); // newest first
              ListVersionsResponse.Builder page = ListVersionsResponse.newBuilder();
              for (Version version : versions) {
                if (version.lastRevision() >= before
                    || (request.getNamedOnly() && version.name().isEmpty())) {
                  continue;
                }
                if (page.getVersionsCount() == pageSize) {
                  page.setNextPageToken(
                      String.valueOf(page.getVersions(pageSize - 1).getLastRevision()));
                  break;
                }
                page.addVersions(toWire(version, state));
              }
              if (request.getPageToken().isEmpty()) {
                page.addAllAccessChanges(
                    SharingGrpcService.accessChanges(state, request.getDocumentId()));
                page.addAllReviewActivity(ReviewWire.activity(state, request.getDocumentId()));
              }
              return page.build();
            }),
        response,
        replicator);
  }

  private static dev.raftpad.proto.v1.Version toWire(Version version, CollabState state) {
    var author = state.user(version.author());
    var wire =
        dev.raftpad.proto.v1.Version.newBuilder()
            .setFirstRevision(version.firstRevision())
            .setLastRevision(version.lastRevision())
            .setStartTime(AccountGrpcService.timestamp(version.startTime().toEpochMilli()))
            .setEndTime(AccountGrpcService.timestamp(version.endTime().toEpochMilli()));
    if (author != null) {
      wire.setAuthor(AccountGrpcService.user(author));
    }
    version.name().ifPresent(wire::setName);
    return wire.build();
  }

  @Override
  public void nameVersion(
      NameVersionRequest request, StreamObserver<NameVersionResponse> response) {
    SessionIndex.Session session = Caller.session();
    String name = request.getName().strip();
    if (name.codePointCount(0, name.length()) > 100) {
      response.onError(
          Statuses.invalid(new InvalidInputException("name", "at most 100 characters")));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Commands.nameVersion(
                NameVersionCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId())
                    .setRevision(request.getRevision())
                    .setName(name))),
        response,
        replicator,
        revision ->
            NameVersionResponse.newBuilder()
                .setVersion(
                    dev.raftpad.proto.v1.Version.newBuilder()
                        .setFirstRevision(request.getRevision())
                        .setLastRevision(request.getRevision())
                        .setName(name))
                .build());
  }

  @Override
  public void diffRevisions(
      DiffRevisionsRequest request, StreamObserver<DiffRevisionsResponse> response) {
    String userId = Caller.session().userId();
    Replies.from(
        replicator.read(
            state ->
                DiffRevisionsResponse.newBuilder()
                    .setDiff(
                        OperationCodec.toWire(
                            log(state, request.getDocumentId(), userId)
                                .diff(request.getFromRevision(), request.getToRevision())
                                .orElseThrow(
                                    () ->
                                        Statuses.refused(
                                            new CommandResult.Refused<>(
                                                ErrorReason.ERROR_REASON_REVISION_IN_FUTURE,
                                                "no such revision in the retained history",
                                                Map.of())))))
                    .build()),
        response,
        replicator);
  }

  @Override
  public void restoreRevision(
      RestoreRevisionRequest request, StreamObserver<RestoreRevisionResponse> response) {
    SessionIndex.Session session = Caller.session();
    try {
      Inputs.clientSequence(request.getClientId(), request.getClientSeq());
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        replicator.propose(
            Commands.restoreRevision(
                RestoreRevisionCommand.newBuilder()
                    .setDocumentId(request.getDocumentId())
                    .setUserId(session.userId())
                    .setRevision(request.getRevision())
                    .setClientId(request.getClientId())
                    .setClientSeq(request.getClientSeq()))),
        response,
        replicator,
        edit -> RestoreRevisionResponse.newBuilder().setRevision(edit.revision()).build());
  }

  /** The log of a document the user may read. */
  private static DocumentLog log(CollabState state, String documentId, String userId) {
    Permissions.require(state, documentId, userId, Role.VIEWER);
    return state.documentLog(documentId);
  }
}
