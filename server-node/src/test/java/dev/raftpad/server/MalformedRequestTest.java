package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.registerAndLogin;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import dev.raftpad.server.testing.LoggedStackTraces;
import dev.raftpad.server.testing.RawCalls;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that are not messages of their method's type — bytes that do not parse, a unary call
 * with no message or with two — are answered INVALID_ARGUMENT (MALFORMED_REQUEST) by every method
 * of a node, never UNKNOWN, and leave no stack trace in the log.
 */
class MalformedRequestTest {
  /** Three ways bytes fail to parse: tag zero, a truncated varint, a varint of eleven bytes. */
  private static final List<byte[]> UNPARSEABLE =
      List.of(
          new byte[] {0x00},
          new byte[] {0x08, (byte) 0xFF},
          new byte[] {
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0x01
          });

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path root;
  private TestCluster cluster;
  private ManagedChannel channel;
  private LoggedStackTraces stackTraces;
  private Metadata signedIn;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 1, "");
    // With the node certificate: the peer API's methods are among those called.
    channel = cluster.peerChannel(cluster.leaderId());
    signedIn = headers("authorization", "Bearer " + registerAndLogin(channel, "ada"));
    signedIn.merge(headers("x-raftpad-cluster-secret", TestCluster.SECRET));
    stackTraces = LoggedStackTraces.start();
  }

  @AfterEach
  void stop() throws Exception {
    stackTraces.close();
    cluster.close();
  }

  @Test
  void bytesThatDoNotParseAreInvalidForEveryMethodAndLogNoStackTrace() {
    List<String> methods = new ArrayList<>(allMethods());
    for (String method : methods) {
      for (byte[] bytes : UNPARSEABLE) {
        RawCalls.Outcome outcome = RawCalls.call(channel, method, signedIn, List.of(bytes), WAIT);

        assertThat(outcome.status().getCode()).as(method).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(outcome)).as(method).isEqualTo("MALFORMED_REQUEST");
        assertThat(outcome.status().getDescription()).as(method).contains("not a valid");
      }
    }
    assertThat(stackTraces.lines()).isEmpty();
  }

  @Test
  void withoutCredentialsTheyAreRefusedAsUnauthenticatedNeverUnknown() {
    for (String method : allMethods()) {
      RawCalls.Outcome outcome =
          RawCalls.call(channel, method, new Metadata(), List.of(UNPARSEABLE.get(0)), WAIT);

      assertThat(outcome.status().getCode())
          .as(method)
          .isIn(Status.Code.INVALID_ARGUMENT, Status.Code.UNAUTHENTICATED);
    }
    assertThat(stackTraces.lines()).isEmpty();
  }

  @Test
  void aUnaryCallWithNoMessageOrWithTwoIsInvalid() {
    String whoAmI = "raftpad.v1.AccountService/WhoAmI";

    RawCalls.Outcome none = RawCalls.call(channel, whoAmI, signedIn, List.of(), WAIT);
    RawCalls.Outcome two =
        RawCalls.call(channel, whoAmI, signedIn, List.of(new byte[0], new byte[0]), WAIT);

    assertThat(none.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(none.status().getDescription()).contains("without its request message");
    assertThat(two.status().getCode())
        .as(two.status().toString())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(two.status().getDescription()).contains("more than one request message");
    assertThat(two.responses()).isZero();
    assertThat(stackTraces.lines()).isEmpty();
  }

  @Test
  void aWellFormedRequestStillWorksBehindTheGuard() {
    RawCalls.Outcome whoAmI =
        RawCalls.call(
            channel, "raftpad.v1.AccountService/WhoAmI", signedIn, List.of(new byte[0]), WAIT);

    assertThat(whoAmI.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(whoAmI.responses()).isEqualTo(1);
  }

  @Test
  void reflectionIsOffUnlessTurnedOn() {
    RawCalls.Outcome reflection =
        RawCalls.call(
            channel,
            "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            new Metadata(),
            List.of(new byte[0]),
            WAIT);

    assertThat(reflection.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  private static List<String> allMethods() {
    List<String> methods =
        new ArrayList<>(RawCalls.publicMethods().stream().map(RawCalls::grpcName).toList());
    methods.add("grpc.health.v1.Health/Check");
    return methods;
  }

  private static Metadata headers(String key, String value) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    return headers;
  }

  private static String reason(RawCalls.Outcome outcome) {
    var status = StatusProto.fromStatusAndTrailers(outcome.status(), outcome.trailers());
    return status.getDetailsList().stream()
        .filter(any -> any.is(ErrorInfo.class))
        .map(
            any -> {
              try {
                return any.unpack(ErrorInfo.class).getReason();
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            })
        .findFirst()
        .orElse("(none)");
  }
}
