package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.AccessOverview;
import dev.raftpad.client.sdk.model.DocumentAccess;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.proto.v1.FindUsersRequest;
import dev.raftpad.proto.v1.GetAccessRequest;
import dev.raftpad.proto.v1.SetLinkAccessRequest;
import dev.raftpad.proto.v1.ShareDocumentRequest;
import dev.raftpad.proto.v1.SharingServiceGrpc;
import dev.raftpad.proto.v1.SharingServiceGrpc.SharingServiceBlockingStub;
import dev.raftpad.proto.v1.TransferOwnershipRequest;
import dev.raftpad.proto.v1.UnshareDocumentRequest;
import java.util.List;
import java.util.function.Function;

/**
 * Sharing: who may do what with a document. Only the owner changes access (an admin may transfer
 * ownership, to recover an orphaned document). Every change is idempotent, so each is retried.
 * Blocking; failures are {@link RaftpadException}s ({@code NOT_ALLOWED}, {@code USER_NOT_FOUND}).
 */
public final class Sharing {
  private final Connection connection;

  Sharing(Connection connection) {
    this.connection = connection;
  }

  /** The access and its history (needs a viewer's role). */
  public AccessOverview access(String documentId) {
    var response =
        call(
            CallKind.READ,
            stub ->
                stub.getAccess(GetAccessRequest.newBuilder().setDocumentId(documentId).build()));
    return new AccessOverview(
        Wire.access(response.getAccess()),
        response.getChangesList().stream().map(Wire::accessChange).toList());
  }

  /**
   * Shares with a user, or changes their role.
   *
   * @param role VIEWER, COMMENTER or EDITOR
   */
  public DocumentAccess share(String documentId, String username, DocumentRole role) {
    return Wire.access(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.shareDocument(
                        ShareDocumentRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setUsername(username)
                            .setRole(Wire.role(role))
                            .build()))
            .getAccess());
  }

  /** Removes a user's access (a no-op if they had none). */
  public DocumentAccess unshare(String documentId, String username) {
    return Wire.access(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.unshareDocument(
                        UnshareDocumentRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setUsername(username)
                            .build()))
            .getAccess());
  }

  /**
   * What anyone signed in may do.
   *
   * @param role NONE (off), VIEWER, COMMENTER or EDITOR
   */
  public DocumentAccess setLinkAccess(String documentId, DocumentRole role) {
    return Wire.access(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.setLinkAccess(
                        SetLinkAccessRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setRole(Wire.role(role))
                            .build()))
            .getAccess());
  }

  /** Makes {@code username} the owner; the previous owner keeps editor access. */
  public DocumentAccess transferOwnership(String documentId, String username) {
    return Wire.access(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.transferOwnership(
                        TransferOwnershipRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setUsername(username)
                            .build()))
            .getAccess());
  }

  /** Users whose username or display name starts with {@code prefix}: completion. */
  public List<User> findUsers(String prefix, int limit) {
    return call(
            CallKind.READ,
            stub ->
                stub.findUsers(
                    FindUsersRequest.newBuilder().setPrefix(prefix).setLimit(limit).build()))
        .getUsersList()
        .stream()
        .map(Wire::user)
        .toList();
  }

  private <T> T call(CallKind kind, Function<SharingServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a -> rpc.apply(SharingServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
