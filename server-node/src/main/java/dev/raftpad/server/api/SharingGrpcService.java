package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.AccessChange;
import dev.raftpad.proto.v1.AccessChangeRecord;
import dev.raftpad.proto.v1.AccessGrantRecord;
import dev.raftpad.proto.v1.ChangeAccessCommand;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.FindUsersRequest;
import dev.raftpad.proto.v1.FindUsersResponse;
import dev.raftpad.proto.v1.GetAccessRequest;
import dev.raftpad.proto.v1.GetAccessResponse;
import dev.raftpad.proto.v1.SetLinkAccessRequest;
import dev.raftpad.proto.v1.SetLinkAccessResponse;
import dev.raftpad.proto.v1.ShareDocumentRequest;
import dev.raftpad.proto.v1.ShareDocumentResponse;
import dev.raftpad.proto.v1.SharingServiceGrpc;
import dev.raftpad.proto.v1.TransferOwnershipRequest;
import dev.raftpad.proto.v1.TransferOwnershipResponse;
import dev.raftpad.proto.v1.UnshareDocumentRequest;
import dev.raftpad.proto.v1.UnshareDocumentResponse;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.DocumentAccess;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.wire.AccessWire;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sharing: who may do what with a document. Names become user ids here (a read), and the change
 * itself is a {@code ChangeAccessCommand} the state machine judges at apply time, so every replica
 * decides alike whoever asked which node.
 */
public final class SharingGrpcService extends SharingServiceGrpc.SharingServiceImplBase {
  static final int DEFAULT_FOUND_USERS = 10;
  static final int MAX_FOUND_USERS = 50;

  private final Replicator replicator;

  public SharingGrpcService(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void getAccess(GetAccessRequest request, StreamObserver<GetAccessResponse> response) {
    String userId = Caller.session().userId();
    String documentId = request.getDocumentId();
    Replies.from(
        replicator.read(
            state -> {
              Role role = Permissions.require(state, documentId, userId, Role.VIEWER);
              return GetAccessResponse.newBuilder()
                  .setAccess(
                      AccessWire.access(
                          documentId, state.access(documentId), state::publicUser, role))
                  .addAllChanges(accessChanges(state, documentId))
                  .build();
            }),
        response,
        replicator);
  }

  /** A document's access changes as its history shows them, newest first. */
  static List<AccessChange> accessChanges(CollabState state, String documentId) {
    List<AccessChange> changes = new ArrayList<>();
    for (AccessChangeRecord record : state.documentMeta(documentId).getAccessChangesList()) {
      changes.add(AccessWire.change(record, state::publicUser));
    }
    Collections.reverse(changes);
    return changes;
  }

  @Override
  public void shareDocument(
      ShareDocumentRequest request, StreamObserver<ShareDocumentResponse> response) {
    String userId = Caller.session().userId();
    Role role = AccessWire.role(request.getRole());
    if (role == Role.NONE || role == Role.OWNER) {
      response.onError(
          Statuses.invalid(
              new InvalidInputException(
                  "role",
                  "share as VIEWER, COMMENTER or EDITOR (ownership moves with"
                      + " TransferOwnership; UnshareDocument removes access)")));
      return;
    }
    change(
        request.getDocumentId(),
        userId,
        request.getUsername(),
        target ->
            ChangeAccessCommand.newBuilder()
                .setGrant(
                    AccessGrantRecord.newBuilder().setUserId(target).setRole(role.toRecord())),
        response,
        access -> ShareDocumentResponse.newBuilder().setAccess(access).build());
  }

  @Override
  public void unshareDocument(
      UnshareDocumentRequest request, StreamObserver<UnshareDocumentResponse> response) {
    change(
        request.getDocumentId(),
        Caller.session().userId(),
        request.getUsername(),
        target ->
            ChangeAccessCommand.newBuilder()
                .setGrant(
                    AccessGrantRecord.newBuilder().setUserId(target).setRole(Role.NONE.toRecord())),
        response,
        access -> UnshareDocumentResponse.newBuilder().setAccess(access).build());
  }

  @Override
  public void setLinkAccess(
      SetLinkAccessRequest request, StreamObserver<SetLinkAccessResponse> response) {
    Role role = AccessWire.role(request.getRole());
    if (role == Role.OWNER || request.getRole() == DocumentRole.UNRECOGNIZED) {
      response.onError(
          Statuses.invalid(
              new InvalidInputException("role", "UNSPECIFIED (off), VIEWER, COMMENTER or EDITOR")));
      return;
    }
    propose(
        request.getDocumentId(),
        Caller.session().userId(),
        ChangeAccessCommand.newBuilder().setLinkRole(role.toRecord()),
        response,
        access -> SetLinkAccessResponse.newBuilder().setAccess(access).build());
  }

  @Override
  public void transferOwnership(
      TransferOwnershipRequest request, StreamObserver<TransferOwnershipResponse> response) {
    change(
        request.getDocumentId(),
        Caller.session().userId(),
        request.getUsername(),
        target -> ChangeAccessCommand.newBuilder().setNewOwnerUserId(target),
        response,
        access -> TransferOwnershipResponse.newBuilder().setAccess(access).build());
  }

  @Override
  public void findUsers(FindUsersRequest request, StreamObserver<FindUsersResponse> response) {
    Caller.session();
    String prefix;
    int limit = request.getLimit() == 0 ? DEFAULT_FOUND_USERS : request.getLimit();
    try {
      prefix = Inputs.text("prefix", request.getPrefix(), 100);
      if (limit < 0 || limit > MAX_FOUND_USERS) {
        throw new InvalidInputException("limit", "at most " + MAX_FOUND_USERS);
      }
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.from(
        replicator.read(
            state -> {
              var found = FindUsersResponse.newBuilder();
              for (UserRecord user : state.usersStartingWith(prefix, limit)) {
                found.addUsers(AccountGrpcService.user(user));
              }
              return found.build();
            },
            true),
        response,
        replicator);
  }

  /**
   * Resolves {@code username} (USER_NOT_FOUND if nobody has it), then proposes the change {@code
   * toCommand} makes for that user.
   */
  private <T> void change(
      String documentId,
      String userId,
      String username,
      Function<String, ChangeAccessCommand.Builder> toCommand,
      StreamObserver<T> response,
      Function<dev.raftpad.proto.v1.DocumentAccess, T> toReply) {
    try {
      Inputs.id("document_id", documentId);
      Inputs.username(username);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    CompletableFuture<CommandResult<DocumentAccess>> applied =
        replicator
            .read(state -> state.userByName(username))
            .thenCompose(
                target -> {
                  if (target == null) {
                    return CompletableFuture.completedFuture(
                        new CommandResult.Refused<>(
                            dev.raftpad.proto.v1.ErrorReason.ERROR_REASON_USER_NOT_FOUND,
                            "no user named " + username,
                            Map.of("username", username)));
                  }
                  return replicator.propose(
                      Commands.changeAccess(
                          toCommand
                              .apply(target.getUserId())
                              .setDocumentId(documentId)
                              .setUserId(userId)));
                });
    reply(documentId, userId, applied, response, toReply);
  }

  private <T> void propose(
      String documentId,
      String userId,
      ChangeAccessCommand.Builder command,
      StreamObserver<T> response,
      Function<dev.raftpad.proto.v1.DocumentAccess, T> toReply) {
    try {
      Inputs.id("document_id", documentId);
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    reply(
        documentId,
        userId,
        replicator.propose(
            Commands.changeAccess(command.setDocumentId(documentId).setUserId(userId))),
        response,
        toReply);
  }

  /** The access after the change, as the caller sees it (read on the loop thread that applied). */
  private <T> void reply(
      String documentId,
      String userId,
      CompletableFuture<CommandResult<DocumentAccess>> applied,
      StreamObserver<T> response,
      Function<dev.raftpad.proto.v1.DocumentAccess, T> toReply) {
    CollabState state = replicator.state();
    Replies.fromCommand(
        applied,
        response,
        replicator,
        access ->
            toReply.apply(
                AccessWire.access(documentId, access, state::publicUser, access.roleOf(userId))));
  }
}
