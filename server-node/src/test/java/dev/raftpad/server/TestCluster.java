package dev.raftpad.server;

import com.google.protobuf.Any;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditChannelResponse;
import dev.raftpad.proto.v1.EditRefused;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The cluster fixture ({@link InProcessCluster}) as server-node's tests drive it: as raw gRPC
 * clients — open channels, sign in, subscribe, read error details. Snapshots every 30 entries, so
 * the tests go through log compaction and snapshot installs.
 */
final class TestCluster implements AutoCloseable {
  static final String SECRET = InProcessCluster.SECRET;
  static final Duration WAIT = Await.WAIT;

  final InProcessCluster fixture;
  private final List<ManagedChannel> channels = new ArrayList<>();

  private TestCluster(InProcessCluster fixture) {
    this.fixture = fixture;
  }

  /** Nodes n1..n{size} founding a cluster, each with its data dir under {@code root}. */
  static TestCluster start(Path root, int size, String llmAddress) throws Exception {
    return start(root, size, llmAddress, true);
  }

  static TestCluster start(Path root, int size, String llmAddress, boolean openRegistration)
      throws Exception {
    return new TestCluster(
        InProcessCluster.start(
            InProcessCluster.settings(root)
                .withSize(size)
                .withLlmAddress(llmAddress)
                .withOpenRegistration(openRegistration)
                .withSnapshotEvery(30)));
  }

  /** A cluster with the fixture's settings as given (no snapshot interval is imposed). */
  static TestCluster start(InProcessCluster.Settings settings) throws Exception {
    return new TestCluster(InProcessCluster.start(settings));
  }

  /** Starts (or restarts from its data dir, on its old port) node {@code id}. */
  ServerNode startNode(String id) throws Exception {
    return fixture.startNode(id);
  }

  /** Stops node {@code id} (a leader hands over first, as on SIGTERM). */
  void stopNode(String id) throws Exception {
    fixture.stopNode(id);
  }

  String leaderId() {
    return fixture.leaderId();
  }

  String aFollowerId() {
    return fixture.aFollowerId();
  }

  ManagedChannel channel(String nodeId) {
    return channel(
        nodeId, fixture.tls() ? GrpcTls.client(TestTls.trustedCa()) : GrpcTls.insecureClient());
  }

  /** A channel that shows the nodes' certificate, as a peer does: the peer API needs it. */
  ManagedChannel peerChannel(String nodeId) {
    return channel(nodeId, GrpcTls.peerClient(fixture.tls() ? TestTls.node() : null));
  }

  private ManagedChannel channel(String nodeId, io.grpc.ChannelCredentials credentials) {
    String[] hostPort = fixture.address(nodeId).split(":", -1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]), credentials)
            .build();
    channels.add(channel);
    return channel;
  }

  static <S extends AbstractStub<S>> S withToken(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  static String registerAndLogin(ManagedChannel channel, String name) {
    var accounts =
        AccountServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
    accounts.register(
        RegisterRequest.newBuilder().setUsername(name).setPassword("password-" + name).build());
    return accounts
        .login(LoginRequest.newBuilder().setUsername(name).setPassword("password-" + name).build())
        .getToken();
  }

  /** The owner (by token) shares a document with a user at a role. */
  static void share(
      ManagedChannel channel,
      String ownerToken,
      String documentId,
      String username,
      dev.raftpad.proto.v1.DocumentRole role) {
    var unused =
        withToken(dev.raftpad.proto.v1.SharingServiceGrpc.newBlockingStub(channel), ownerToken)
            .shareDocument(
                dev.raftpad.proto.v1.ShareDocumentRequest.newBuilder()
                    .setDocumentId(documentId)
                    .setUsername(username)
                    .setRole(role)
                    .build());
  }

  /** The owner shares a document with a user as an editor. */
  static void shareToEdit(
      ManagedChannel channel, String ownerToken, String documentId, String username) {
    share(
        channel,
        ownerToken,
        documentId,
        username,
        dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_EDITOR);
  }

  static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type)
      throws Exception {
    for (Any any : StatusProto.fromThrowable(e).getDetailsList()) {
      if (any.is(type)) {
        return any.unpack(type);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + e);
  }

  /** A Subscribe stream: its events, and how it ended (completes when it does). */
  record Subscription(
      BlockingQueue<Event> events, java.util.concurrent.CompletableFuture<Throwable> end) {}

  /** Opens a Subscribe stream (to every document when none is named); events land in the queue. */
  static BlockingQueue<Event> subscribe(ManagedChannel channel, String token, String... docs) {
    return subscription(channel, token, docs).events();
  }

  static Subscription subscription(ManagedChannel channel, String token, String... docs) {
    Subscription subscription =
        new Subscription(
            new LinkedBlockingQueue<>(), new java.util.concurrent.CompletableFuture<>());
    EventServiceGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
        .subscribe(
            SubscribeRequest.newBuilder()
                .setAllDocuments(docs.length == 0)
                .addAllDocumentIds(List.of(docs))
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(Event event) {
                subscription.events().add(event);
              }

              @Override
              public void onError(Throwable t) {
                subscription.end().complete(t);
              }

              @Override
              public void onCompleted() {
                subscription.end().complete(null);
              }
            });
    return subscription;
  }

  /** An edit channel stream: what goes up, what came down, and how it ended. */
  record EditStream(
      StreamObserver<EditChannelRequest> up,
      BlockingQueue<EditChannelResponse> down,
      java.util.concurrent.CompletableFuture<Throwable> end) {

    void submit(String clientId, long seq, long base, dev.raftpad.document.op.Operation operation) {
      up.onNext(
          EditChannelRequest.newBuilder()
              .setSubmit(
                  SubmitOperationRequest.newBuilder()
                      .setClientId(clientId)
                      .setClientSeq(seq)
                      .setBaseRevision(base)
                      .setOperation(dev.raftpad.codec.OperationCodec.toWire(operation)))
              .build());
    }

    /** The next event matching {@code wanted}, skipping others; fails after {@link #WAIT}. */
    Event nextEvent(Predicate<Event> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        EditChannelResponse response = down.poll(100, TimeUnit.MILLISECONDS);
        if (response != null && response.hasEvent() && wanted.test(response.getEvent())) {
          return response.getEvent();
        }
      }
      throw new AssertionError("the expected event did not arrive within " + WAIT);
    }

    /** The next refusal, skipping events; fails after {@link #WAIT}. */
    EditRefused nextRefusal() throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        EditChannelResponse response = down.poll(100, TimeUnit.MILLISECONDS);
        if (response != null && response.hasRefused()) {
          return response.getRefused();
        }
      }
      throw new AssertionError("no refusal arrived within " + WAIT);
    }
  }

  /** Starts an edit channel without opening it. */
  static EditStream editChannel(ManagedChannel channel, String token) {
    BlockingQueue<EditChannelResponse> down = new LinkedBlockingQueue<>();
    java.util.concurrent.CompletableFuture<Throwable> end =
        new java.util.concurrent.CompletableFuture<>();
    StreamObserver<EditChannelRequest> up =
        EditServiceGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
            .editChannel(
                new StreamObserver<>() {
                  @Override
                  public void onNext(EditChannelResponse response) {
                    down.add(response);
                  }

                  @Override
                  public void onError(Throwable t) {
                    end.complete(t);
                  }

                  @Override
                  public void onCompleted() {
                    end.complete(null);
                  }
                });
    return new EditStream(up, down, end);
  }

  /** Opens an edit channel of {@code documentId} after {@code after} and waits until Live. */
  static EditStream openEditChannel(
      ManagedChannel channel, String token, String documentId, long after)
      throws InterruptedException {
    EditStream stream = editChannel(channel, token);
    stream
        .up()
        .onNext(
            EditChannelRequest.newBuilder()
                .setOpen(
                    SubscribeRequest.newBuilder()
                        .addDocumentIds(documentId)
                        .putAfterRevision(documentId, after))
                .build());
    stream.nextEvent(Event::hasLive);
    return stream;
  }

  private static Metadata bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return headers;
  }

  /** The next event matching {@code wanted}, skipping others; fails after {@link #WAIT}. */
  static Event next(BlockingQueue<Event> events, Predicate<Event> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Event event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event != null && wanted.test(event)) {
        return event;
      }
    }
    throw new AssertionError("the expected event did not arrive within " + WAIT);
  }

  @Override
  public void close() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    fixture.close();
  }
}
