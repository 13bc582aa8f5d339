package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.OnlineUser;
import dev.raftpad.document.op.Selection;
import dev.raftpad.proto.v1.ListOnlineRequest;
import dev.raftpad.proto.v1.PresenceServiceGrpc;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import java.util.List;

/** Who is online, and cursor relays (a DocumentSession sends its own cursor itself). */
public final class Presence {
  private final Connection connection;

  Presence(Connection connection) {
    this.connection = connection;
  }

  /** Users online, in one document when {@code documentId} is not empty. */
  public List<OnlineUser> listOnline(String documentId) {
    return connection
        .call(
            CallKind.READ,
            a ->
                PresenceServiceGrpc.newBlockingStub(a.channel())
                    .withDeadline(a.deadline())
                    .listOnline(ListOnlineRequest.newBuilder().setDocumentId(documentId).build()))
        .getOnlineList()
        .stream()
        .map(Wire::online)
        .toList();
  }

  /** Relays a caret or selection at a revision (best effort, never logged). */
  public void updateCursor(String documentId, String clientId, long revision, Selection selection) {
    var unused =
        connection.call(
            CallKind.READ,
            a ->
                PresenceServiceGrpc.newBlockingStub(a.channel())
                    .withDeadline(a.deadline())
                    .updateCursor(
                        UpdateCursorRequest.newBuilder()
                            .setDocumentId(documentId)
                            .setClientId(clientId)
                            .setRevision(revision)
                            .setSelection(Wire.selection(selection))
                            .build()));
  }
}
