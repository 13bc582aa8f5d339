package dev.raftpad.server.bench;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.server.ServerNode;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load: N editors over M documents against a 3-node cluster on loopback (in this JVM, real gRPC,
 * real data dirs with fsync). Prints committed operations/s, submit-to-acknowledgement latency and
 * submit-to-receipt latency at another client (a Subscribe stream per document). Asserts nothing.
 *
 * <p>Run (exec:java would start the module's configured main class instead):
 *
 * <pre>{@code
 * ./mvnw -q -pl server-node test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp server-node/target/test-classes:server-node/target/classes:$(cat server-node/target/cp.txt) \
 *     dev.raftpad.server.bench.LoadBenchmark 50 10 10    # editors, documents, seconds
 * }</pre>
 */
public final class LoadBenchmark {
  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int editors = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int documents = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path root = Files.createTempDirectory("raftpad-load");
    Map<String, String> addresses = new ConcurrentHashMap<>();
    Map<String, ServerNode> nodes = new java.util.HashMap<>();
    for (String id : List.of("n1", "n2", "n3")) {
      ServerNode node =
          ServerNode.start(
              ServerNode.Config.builder()
                  .nodeId(id)
                  .clusterId("load")
                  .secret("a-cluster-secret-of-some-length")
                  .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                  .dataDir(root.resolve(id))
                  .addresses(addresses)
                  .founders(Set.of("n1", "n2", "n3"))
                  .tick(Duration.ofMillis(50))
                  .bcryptCost(4)
                  .snapshotEvery(10_000)
                  .build());
      nodes.put(id, node);
      addresses.put(id, "127.0.0.1:" + node.port());
    }
    String leader = null;
    while (leader == null) {
      for (var e : nodes.entrySet()) {
        if (e.getValue().raft().status().role() == RoleName.LEADER) {
          leader = e.getKey();
        }
      }
      pause(10);
    }
    int port = Integer.parseInt(addresses.get(leader).split(":", -1)[1]);
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }
    var accounts = AccountServiceGrpc.newBlockingStub(channels.get(0));
    accounts.register(
        RegisterRequest.newBuilder().setUsername("load").setPassword("load-password").build());
    String token =
        accounts
            .login(
                LoginRequest.newBuilder().setUsername("load").setPassword("load-password").build())
            .getToken();
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    var auth = MetadataUtils.newAttachHeadersInterceptor(headers);

    List<String> docs = new ArrayList<>();
    for (int d = 0; d < documents; d++) {
      docs.add(
          DocumentServiceGrpc.newBlockingStub(channels.get(0))
              .withInterceptors(auth)
              .createDocument(CreateDocumentRequest.newBuilder().setTitle("doc " + d).build())
              .getDocument()
              .getDocumentId());
    }

    Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Long> ackLatencies = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> receiptLatencies = new ConcurrentLinkedQueue<>();
    AtomicBoolean measuring = new AtomicBoolean(false);
    for (String doc : docs) {
      EventServiceGrpc.newStub(channels.get(1))
          .withInterceptors(auth)
          .subscribe(
              SubscribeRequest.newBuilder().addDocumentIds(doc).build(),
              new StreamObserver<Event>() {
                @Override
                public void onNext(Event event) {
                  if (event.hasOperation()) {
                    Long start =
                        submittedAt.remove(
                            event.getOperation().getClientId()
                                + "/"
                                + event.getOperation().getClientSeq());
                    if (start != null && measuring.get()) {
                      receiptLatencies.add(System.nanoTime() - start);
                    }
                  }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
              });
    }

    AtomicBoolean stop = new AtomicBoolean(false);
    CountDownLatch done = new CountDownLatch(editors);
    for (int e = 0; e < editors; e++) {
      String clientId = "editor-" + e;
      String doc = docs.get(e % documents);
      // One session per editor: sessions are rate limited, as a real user's would be.
      String editorToken =
          accounts
              .login(
                  LoginRequest.newBuilder()
                      .setUsername("load")
                      .setPassword("load-password")
                      .build())
              .getToken();
      Metadata editorHeaders = new Metadata();
      editorHeaders.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + editorToken);
      var edits =
          EditServiceGrpc.newBlockingStub(channels.get(2 + e % 2))
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(editorHeaders));
      Thread.ofPlatform()
          .start(
              () -> {
                long seq = 0;
                long base = 0;
                try {
                  while (!stop.get()) {
                    seq++;
                    long start = System.nanoTime();
                    submittedAt.put(clientId + "/" + seq, start);
                    base =
                        edits
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .submitOperation(
                                SubmitOperationRequest.newBuilder()
                                    .setDocumentId(doc)
                                    .setClientId(clientId)
                                    .setClientSeq(seq)
                                    .setBaseRevision(base)
                                    .setOperation(OperationCodec.toWire(Operation.insert(0, "x")))
                                    .build())
                            .getRevision();
                    if (measuring.get()) {
                      ackLatencies.add(System.nanoTime() - start);
                    }
                  }
                } catch (RuntimeException ex) {
                  System.err.println(clientId + " stopped: " + ex);
                } finally {
                  done.countDown();
                }
              });
    }
    pause(2_000);
    measuring.set(true);
    long start = System.nanoTime();
    pause(seconds * 1_000L);
    measuring.set(false);
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);

    long[] acks = ackLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] receipts = receiptLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "editors=%d documents=%d ops/s=%.0f ack p50=%.2fms p99=%.2fms remote-receipt p50=%.2fms p99=%.2fms (n=%d, %d)%n",
        editors,
        documents,
        acks.length / (elapsed / 1e9),
        pct(acks, 0.5),
        pct(acks, 0.99),
        pct(receipts, 0.5),
        pct(receipts, 0.99),
        acks.length,
        receipts.length);
    channels.forEach(ManagedChannel::shutdownNow);
    for (ServerNode node : nodes.values()) {
      node.close();
    }
    System.exit(0);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }

  /** Benchmarks wait on the wall clock on purpose: they measure it. */
  private static void pause(long millis) {
    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }
}
