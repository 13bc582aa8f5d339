package dev.raftpad.packaging;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.ClusterStatus;
import dev.raftpad.proto.v1.Component;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.Insert;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.Operation;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.Retain;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.TrustedCa;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A test's gRPC client of a real cluster: calls go to the last known leader, follow NotLeader
 * redirects, and are retried on UNAVAILABLE until a deadline (an election after a kill -9).
 */
final class CollabCalls implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
  private String current;
  private String token;

  /** Calls over TLS, trusting the CA in {@code caFile}. */
  CollabCalls(List<String> addresses, java.nio.file.Path caFile) {
    io.grpc.ChannelCredentials credentials = GrpcTls.client(TrustedCa.load(caFile));
    for (String address : addresses) {
      int colon = address.lastIndexOf(':');
      channels.put(
          address,
          NettyChannelBuilder.forAddress(
                  address.substring(0, colon),
                  Integer.parseInt(address.substring(colon + 1)),
                  credentials)
              .build());
    }
    current = addresses.getFirst();
  }

  /** Runs {@code call} against the leader, retrying for up to 30 s while there is none. */
  <T> T onLeader(Function<Channel, T> call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> order = new ArrayList<>(channels.keySet());
    while (true) {
      try {
        return call.apply(channels.get(current));
      } catch (StatusRuntimeException e) {
        if (!transientFailure(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
        NotLeader notLeader = notLeader(e);
        if (notLeader != null && channels.containsKey(notLeader.getLeaderAddress())) {
          current = notLeader.getLeaderAddress();
        } else {
          current = order.get((order.indexOf(current) + 1) % order.size());
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
      }
    }
  }

  /** Runs {@code call} against one node, retrying on UNAVAILABLE for up to 30 s. */
  <T> T onNode(String address, Function<Channel, T> call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return call.apply(channels.get(address));
      } catch (StatusRuntimeException e) {
        if (!transientFailure(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
  }

  /**
   * No node answered: UNAVAILABLE, or a connection that a kill -9 closed under a call in flight
   * (UNKNOWN "channel closed"). The edits retried here are idempotent by (client id, seq).
   */
  private static boolean transientFailure(StatusRuntimeException e) {
    return e.getStatus().getCode() == Status.Code.UNAVAILABLE
        || (e.getStatus().getCode() == Status.Code.UNKNOWN
            && e.getCause() instanceof java.nio.channels.ClosedChannelException);
  }

  private static NotLeader notLeader(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return null;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(NotLeader.class)) {
        try {
          return detail.unpack(NotLeader.class);
        } catch (InvalidProtocolBufferException bad) {
          return null;
        }
      }
    }
    return null;
  }

  /** Registers (a retried register may find its own account: that is success) and logs in. */
  void registerAndLogIn(String username, String password) {
    try {
      var unused =
          onLeader(
              channel ->
                  AccountServiceGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .register(
                          RegisterRequest.newBuilder()
                              .setUsername(username)
                              .setPassword(password)
                              .build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
    token =
        onLeader(
            channel ->
                AccountServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .login(
                        LoginRequest.newBuilder()
                            .setUsername(username)
                            .setPassword(password)
                            .setDeviceName("ServerTarballIT")
                            .build())
                    .getToken());
  }

  private <S extends AbstractStub<S>> S authed(S stub) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  String createDocument(String title) {
    return onLeader(
        channel ->
            authed(DocumentServiceGrpc.newBlockingStub(channel))
                .createDocument(CreateDocumentRequest.newBuilder().setTitle(title).build())
                .getDocument()
                .getDocumentId());
  }

  /** Inserts {@code text} after the first {@code at} code points; returns the new revision. */
  long insert(
      String documentId, String clientId, long seq, long baseRevision, int at, String text) {
    Operation.Builder op = Operation.newBuilder();
    if (at > 0) {
      op.addComponents(Component.newBuilder().setRetain(Retain.newBuilder().setCount(at)));
    }
    op.addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText(text)));
    return onLeader(
        channel ->
            authed(EditServiceGrpc.newBlockingStub(channel))
                .submitOperation(
                    SubmitOperationRequest.newBuilder()
                        .setDocumentId(documentId)
                        .setClientId(clientId)
                        .setClientSeq(seq)
                        .setBaseRevision(baseRevision)
                        .setOperation(op)
                        .build())
                .getRevision());
  }

  /** The document as the node at {@code address} serves it (a linearizable read there). */
  GetDocumentResponse documentOn(String address, String documentId) {
    return onNode(
        address,
        channel ->
            authed(DocumentServiceGrpc.newBlockingStub(channel))
                .getDocument(GetDocumentRequest.newBuilder().setDocumentId(documentId).build()));
  }

  ClusterStatus clusterStatus() {
    return onLeader(
        channel ->
            authed(ClusterServiceGrpc.newBlockingStub(channel))
                .getClusterStatus(GetClusterStatusRequest.getDefaultInstance())
                .getStatus());
  }

  /** The plain text of a document's content (inserts only). */
  static String text(GetDocumentResponse document) {
    StringBuilder text = new StringBuilder();
    for (Component component : document.getContent().getComponentsList()) {
      text.append(component.getInsert().getText());
    }
    return text.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel channel : channels.values()) {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
