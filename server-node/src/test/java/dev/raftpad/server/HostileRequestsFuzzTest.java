package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.WhoAmIRequest;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.server.testing.LoggedStackTraces;
import dev.raftpad.server.testing.RandomMessages;
import dev.raftpad.server.testing.RawCalls;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests against a real 3-node cluster: for every public method (client API, peer API,
 * health), random messages, damaged encodings and random bytes, with no credentials, a forged
 * token, an ordinary user's token, or the admin's (never for membership changes, which an admin may
 * make). No answer may be UNKNOWN or INTERNAL, a unary call may not hang, a refused request may
 * change neither the target document (content and revision), nor the membership, nor the sessions,
 * no node may stop serving, and no stack trace may reach the log.
 *
 * <p>Fast by default; {@code -Draftpad.fuzz.tries=20000} runs long, {@code -Draftpad.fuzz.seed=N}
 * repeats a run (every failure names its seed and try).
 */
class HostileRequestsFuzzTest {
  private static final int TRIES = Integer.getInteger("raftpad.fuzz.tries", 400);
  private static final long SEED = Long.getLong("raftpad.fuzz.seed", new SecureRandom().nextLong());
  private static final Duration UNARY_WAIT = Duration.ofSeconds(20);

  /** Streams that a valid request opens stay open; the fuzzer only looks at how they start. */
  private static final Duration STREAM_WAIT = Duration.ofMillis(300);

  private static final String ADMIN_ONLY = "raftpad.v1.ClusterService/";
  private static final String PEER_API = "raftpad.v1.RaftPeerService/";

  @TempDir Path root;

  /** The sign-in throttle's clock: random logins throttle 127.0.0.1, so re-login moves it on. */
  private final AtomicLong throttleClock = new AtomicLong();

  private TestCluster cluster;
  private String docId;
  private String adminToken;

  /** The test's own session (the admin's), never handed to the fuzzer: it reads the state. */
  private String observerToken;

  private String userToken;

  /** What a refused request must leave as it was. */
  private record Observed(String document, List<String> members, boolean adminIn, boolean userIn) {}

  /** One request of the fuzzer, described for the failure message. */
  private record Hostile(
      MethodDescriptor method, String credentials, Metadata headers, List<byte[]> messages) {
    @Override
    public String toString() {
      return RawCalls.grpcName(method)
          + " as "
          + credentials
          + " with "
          + messages.stream().map(m -> m.length + " bytes").toList();
    }

    boolean streamsResponses() {
      return method.isServerStreaming();
    }
  }

  @Test
  void noHostileRequestIsAnsweredUnknownOrChangesStateWhenRefused() throws Exception {
    cluster =
        TestCluster.start(
            InProcessCluster.settings(root)
                .withSnapshotEvery(30)
                .withThrottleClock(throttleClock::get));
    try (TestCluster started = cluster) {
      ManagedChannel leader = cluster.channel(cluster.leaderId());
      adminToken = registerAndLogin(leader, "ada");
      observerToken = login("ada");
      userToken = registerAndLogin(leader, "bob");
      docId = createTarget(leader);
      Random random = new Random(SEED);
      RandomMessages messages =
          new RandomMessages(
              random,
              List.of(docId, "ada", "bob", "n1", "n2", "n3", "127.0.0.1:0", "test-cluster"));
      List<MethodDescriptor> methods = new ArrayList<>(RawCalls.publicMethods());
      methods.add(
          io.grpc.health.v1.HealthProto.getDescriptor().getServices().get(0).getMethods().get(0));
      Observed before = observe();

      try (LoggedStackTraces stackTraces = LoggedStackTraces.start()) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
          Hostile request = hostile(random, messages, methods.get(random.nextInt(methods.size())));
          String context = "seed " + SEED + ", try " + attempt + ": " + request;
          String target =
              random.nextInt(5) < 3 ? cluster.leaderId() : "n" + (1 + random.nextInt(3));

          RawCalls.Outcome outcome =
              RawCalls.call(
                  cluster.channel(target),
                  RawCalls.grpcName(request.method()),
                  request.headers(),
                  request.messages(),
                  request.streamsResponses() ? STREAM_WAIT : UNARY_WAIT);

          Status.Code code = outcome.status().getCode();
          assertThat(code)
              .as(context + " -> " + outcome.status())
              .isNotIn(Status.Code.UNKNOWN, Status.Code.INTERNAL);
          if (!request.streamsResponses()) {
            assertThat(code).as(context).isNotEqualTo(Status.Code.DEADLINE_EXCEEDED);
          }
          Observed after = observe();
          if (code == Status.Code.OK || code == Status.Code.DEADLINE_EXCEEDED) {
            before = keepFuzzable(after); // an accepted request may change things
          } else {
            assertThat(after).as(context + " -> " + outcome.status()).isEqualTo(before);
          }
        }
        assertThat(stackTraces.lines()).as("seed " + SEED).isEmpty();
      }
      for (String id : List.of("n1", "n2", "n3")) {
        assertThat(
                HealthGrpc.newBlockingStub(cluster.channel(id))
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus())
            .as("seed " + SEED + ": " + id)
            .isEqualTo(ServingStatus.SERVING);
      }
    }
  }

  private Hostile hostile(Random random, RandomMessages messages, MethodDescriptor method) {
    String name = RawCalls.grpcName(method);
    Metadata headers = new Metadata();
    String credentials =
        switch (random.nextInt(6)) {
          case 0 -> "nobody";
          case 1 -> bearer(headers, "forged-" + random.nextInt(1000));
          case 2 -> bearer(headers, name.startsWith(ADMIN_ONLY) ? userToken : adminToken);
          default -> bearer(headers, userToken);
        };
    boolean withSecret = name.startsWith(PEER_API) && random.nextBoolean();
    if (withSecret) {
      // A holder of the secret is a peer and trusted; what it must not do is crash a node with
      // bytes that are not messages.
      headers.put(
          Metadata.Key.of("x-raftpad-cluster-secret", Metadata.ASCII_STRING_MARSHALLER),
          TestCluster.SECRET);
      credentials += " + cluster secret";
    }
    List<byte[]> sent = new ArrayList<>();
    int count = random.nextInt(10) == 0 ? random.nextInt(3) : 1; // sometimes none, or two
    for (int i = 0; i < count; i++) {
      byte[] bytes =
          switch (random.nextInt(4)) {
            case 0 -> messages.bytes(200);
            case 1 -> messages.damaged(method.getInputType());
            default -> messages.message(method.getInputType()).toByteArray();
          };
      sent.add(withSecret ? unparseable(method, bytes) : bytes);
    }
    return new Hostile(method, credentials, headers, sent);
  }

  private static byte[] unparseable(MethodDescriptor method, byte[] bytes) {
    try {
      var parsed = DynamicMessage.parseFrom(method.getInputType(), bytes);
      return parsed == null ? bytes : new byte[] {0x00}; // it parsed: send a tag that never does
    } catch (InvalidProtocolBufferException e) {
      return bytes;
    }
  }

  private static String bearer(Metadata headers, String token) {
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return token.startsWith("forged") ? "a forged token" : "a signed-in user";
  }

  private String createTarget(ManagedChannel leader) {
    return withToken(DocumentServiceGrpc.newBlockingStub(leader), adminToken)
        .createDocument(
            CreateDocumentRequest.newBuilder()
                .setTitle("Target")
                .setInitialContent(OperationCodec.toWire(Operation.insert(0, "Hello, world\n")))
                .build())
        .getDocument()
        .getDocumentId();
  }

  /** After an accepted request: sign users in again if they signed out, so fuzzing goes on. */
  private Observed keepFuzzable(Observed observed) {
    if (observed.adminIn() && observed.userIn()) {
      return observed;
    }
    if (!observed.adminIn()) {
      adminToken = login("ada");
    }
    if (!observed.userIn()) {
      userToken = login("bob");
    }
    return observe();
  }

  private String login(String name) {
    throttleClock.addAndGet(TimeUnit.DAYS.toNanos(1)); // past every wait the fuzzer ran into
    return AccountServiceGrpc.newBlockingStub(cluster.channel(cluster.leaderId()))
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .login(
            dev.raftpad.proto.v1.LoginRequest.newBuilder()
                .setUsername(name)
                .setPassword("password-" + name)
                .build())
        .getToken();
  }

  private Observed observe() {
    ManagedChannel leader = cluster.channel(cluster.leaderId());
    String document;
    try {
      var got =
          withToken(DocumentServiceGrpc.newBlockingStub(leader), observerToken)
              .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
      document = got.getRevision() + ":" + got.getContent();
    } catch (StatusRuntimeException e) {
      document = e.getStatus().getCode().toString();
    }
    List<String> members =
        withToken(ClusterServiceGrpc.newBlockingStub(leader), observerToken)
            .getClusterStatus(GetClusterStatusRequest.getDefaultInstance())
            .getStatus()
            .getMembersList()
            .stream()
            .map(
                m ->
                    m.getMember().getNodeId()
                        + "@"
                        + m.getMember().getClientAddress()
                        + "/"
                        + m.getMember().getRole())
            .sorted()
            .toList();
    return new Observed(
        document, members, signedIn(leader, adminToken), signedIn(leader, userToken));
  }

  private static boolean signedIn(ManagedChannel channel, String token) {
    try {
      withToken(AccountServiceGrpc.newBlockingStub(channel), token)
          .whoAmI(WhoAmIRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }
}
