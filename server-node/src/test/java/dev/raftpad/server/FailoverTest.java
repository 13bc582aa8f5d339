package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editors keep typing while the leader is killed: editing resumes after the re-election and no
 * acknowledged edit is lost or applied twice; a full restart from disk gives the same document.
 */
class FailoverTest {
  private static final int EDITS_PER_EDITOR = 25;

  @TempDir Path root;
  private InProcessCluster cluster;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel channel : channels.values()) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private ManagedChannel channel(String address) {
    return channels.computeIfAbsent(
        address,
        a -> {
          String[] hp = a.split(":", -1);
          return NettyChannelBuilder.forAddress(
                  hp[0], Integer.parseInt(hp[1]), GrpcTls.client(TestTls.trustedCa()))
              .build();
        });
  }

  private String leader() {
    return cluster.leaderId();
  }

  private static <S extends io.grpc.stub.AbstractStub<S>> S authed(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  /** A client that follows NotLeader redirects and retries against the other members. */
  private final class Client {
    String target;

    Client(String target) {
      this.target = target;
    }

    <T> T call(java.util.function.Function<ManagedChannel, T> rpc) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      List<String> all = new ArrayList<>(cluster.addresses().values());
      int next = 0;
      while (true) {
        try {
          return rpc.apply(channel(target));
        } catch (StatusRuntimeException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          String redirect = leaderAddress(e);
          target = redirect != null ? redirect : all.get(next++ % all.size());
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
      }
    }
  }

  private static String leaderAddress(StatusRuntimeException e) {
    var status = StatusProto.fromThrowable(e);
    if (status == null) {
      return null;
    }
    for (Any any : status.getDetailsList()) {
      if (any.is(NotLeader.class)) {
        try {
          String address = any.unpack(NotLeader.class).getLeaderAddress();
          return address.isEmpty() ? null : address;
        } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  @Test
  void editsSurviveALeaderKillExactlyOnceAndAFullRestartFromDisk() throws Exception {
    cluster = InProcessCluster.start(root);
    Client setup = new Client(cluster.address(leader()));
    setup.call(
        ch ->
            AccountServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .register(
                    RegisterRequest.newBuilder()
                        .setUsername("ada")
                        .setPassword("correct horse")
                        .build()));
    String token =
        setup.call(
            ch ->
                AccountServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .login(
                        LoginRequest.newBuilder()
                            .setUsername("ada")
                            .setPassword("correct horse")
                            .build())
                    .getToken());
    Client creator = new Client(setup.target);
    String docId =
        creator.call(
            ch ->
                authed(DocumentServiceGrpc.newBlockingStub(ch), token)
                    .createDocument(CreateDocumentRequest.newBuilder().setTitle("Log").build())
                    .getDocument()
                    .getDocumentId());

    List<String> acknowledged = new CopyOnWriteArrayList<>();
    CountDownLatch halfway = new CountDownLatch(2);
    List<Thread> editors = new ArrayList<>();
    for (int e = 0; e < 2; e++) {
      String clientId = "editor-" + e;
      Client client = new Client(cluster.address("n" + (e + 1)));
      editors.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int seq = 1; seq <= EDITS_PER_EDITOR; seq++) {
                      String mark = "[" + clientId + ":" + seq + "]";
                      GetDocumentResponse doc =
                          client.call(
                              ch ->
                                  authed(DocumentServiceGrpc.newBlockingStub(ch), token)
                                      .getDocument(
                                          GetDocumentRequest.newBuilder()
                                              .setDocumentId(docId)
                                              .build()));
                      int length = doc.getDocument().getLength();
                      long base = doc.getRevision();
                      long s = seq;
                      // The same (client, seq) is resent until acknowledged: exactly once.
                      client.call(
                          ch ->
                              authed(EditServiceGrpc.newBlockingStub(ch), token)
                                  .submitOperation(
                                      SubmitOperationRequest.newBuilder()
                                          .setDocumentId(docId)
                                          .setClientId(clientId)
                                          .setClientSeq(s)
                                          .setBaseRevision(base)
                                          .setOperation(
                                              OperationCodec.toWire(Operation.insert(length, mark)))
                                          .build()));
                      acknowledged.add(mark);
                      if (seq == EDITS_PER_EDITOR / 3) {
                        halfway.countDown();
                      }
                    }
                  }));
    }
    assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
    String killed = leader();
    cluster.stopNode(killed);
    for (Thread editor : editors) {
      editor.join(TimeUnit.SECONDS.toMillis(120));
      assertThat(editor.isAlive()).isFalse();
    }

    String text = documentText(new Client(cluster.address(leader())), token, docId);
    assertThat(acknowledged).hasSize(2 * EDITS_PER_EDITOR);
    for (String mark : acknowledged) {
      assertThat(occurrences(text, mark)).as(mark).isEqualTo(1);
    }

    // Full restart of every node from its data dir: the same document comes back.
    for (String id : cluster.running()) {
      cluster.stopNode(id);
    }
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
    for (String id : List.of("n1", "n2", "n3")) {
      cluster.startNode(id); // on its old port, from its data dir
    }
    assertThat(documentText(new Client(cluster.address(leader())), token, docId)).isEqualTo(text);
  }

  private static String documentText(Client client, String token, String docId) {
    GetDocumentResponse doc =
        client.call(
            ch ->
                authed(DocumentServiceGrpc.newBlockingStub(ch), token)
                    .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build()));
    StringBuilder text = new StringBuilder();
    doc.getContent().getComponentsList().forEach(c -> text.append(c.getInsert().getText()));
    return text.toString();
  }

  private static int occurrences(String text, String mark) {
    Matcher m = Pattern.compile(Pattern.quote(mark)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
