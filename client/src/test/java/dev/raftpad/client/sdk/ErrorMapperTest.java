package dev.raftpad.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.raftpad.client.sdk.RaftpadException.Reason;
import dev.raftpad.client.sdk.internal.ErrorMapper;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.Member;
import dev.raftpad.proto.v1.NotLeader;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** The one mapping from gRPC status + details to reasons. */
class ErrorMapperTest {

  @Test
  void everyServerReasonHasAnSdkReasonOfTheSameName() {
    for (ErrorReason reason : ErrorReason.values()) {
      if (reason == ErrorReason.ERROR_REASON_UNSPECIFIED || reason == ErrorReason.UNRECOGNIZED) {
        continue;
      }
      String name = reason.name().substring("ERROR_REASON_".length());
      assertThat(Reason.valueOf(name).name()).isEqualTo(name);
    }
  }

  @Test
  void theReasonComesFromErrorInfoAndTheRedirectFromNotLeader() {
    var status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage("not the leader")
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setDomain("raftpad.dev")
                        .setReason("NOT_LEADER")
                        .build()))
            .addDetails(
                Any.pack(
                    NotLeader.newBuilder()
                        .setLeaderId("n2")
                        .setLeaderAddress("127.0.0.1:7002")
                        .addMembers(Member.newBuilder().setNodeId("n1").setClientAddress("a:1"))
                        .addMembers(Member.newBuilder().setNodeId("n2").setClientAddress("b:2"))
                        .build()))
            .build();

    ErrorMapper.Failure failure =
        ErrorMapper.classify(StatusProto.toStatusRuntimeException(status));

    assertThat(failure.reason()).isEqualTo(Reason.NOT_LEADER);
    assertThat(failure.redirect()).isPresent();
    assertThat(failure.redirect().get().leaderAddress()).isEqualTo("127.0.0.1:7002");
    assertThat(failure.redirect().get().memberAddresses()).containsExactly("a:1", "b:2");
    assertThat(failure.neverSent()).isFalse();
    assertThat(RaftpadException.fromGrpc(StatusProto.toStatusRuntimeException(status)).metadata())
        .as("tools outside the SDK read the leader from the public exception")
        .containsEntry("leader_id", "n2");
  }

  @Test
  void withoutErrorInfoTheCodeDecidesAndARefusedConnectionWasNeverSent() {
    var refused =
        Status.UNAVAILABLE
            .withDescription("io exception")
            .withCause(new ConnectException("Connection refused"))
            .asRuntimeException();
    assertThat(ErrorMapper.classify(refused).reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(ErrorMapper.classify(refused).neverSent()).isTrue();
    assertThat(ErrorMapper.classify(Status.UNIMPLEMENTED.asRuntimeException()).reason())
        .isEqualTo(Reason.UNIMPLEMENTED);
    assertThat(ErrorMapper.classify(Status.DEADLINE_EXCEEDED.asRuntimeException()).reason())
        .isEqualTo(Reason.DEADLINE_EXCEEDED);
  }

  /**
   * What grpc-netty makes of a connection that closes under a call when the node is killed
   * (io.grpc.netty.Utils.statusFromThrowable: UNKNOWN "channel closed", a ClosedChannelException as
   * its cause). Seen in the chaos test: the document session's sender took it for a permanent
   * refusal and resynced, dropping the writer's unconfirmed edits.
   */
  @Test
  void aChannelClosedUnderACallIsUnavailableMaybeSentAndTransient() {
    var closed =
        Status.UNKNOWN
            .withDescription("channel closed")
            .withCause(new ClosedChannelException())
            .asRuntimeException();

    ErrorMapper.Failure failure = ErrorMapper.classify(closed);

    assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(failure.reason().isTransient()).isTrue();
    assertThat(failure.neverSent()).as("the request may have reached the server").isFalse();
    assertThat(ErrorMapper.classify(Status.UNKNOWN.asRuntimeException()).reason())
        .as("an UNKNOWN of another kind stays INTERNAL")
        .isEqualTo(Reason.INTERNAL);
  }

  @Test
  void anUnknownServerReasonIsInternalAndKeptForPeople() {
    var status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.FAILED_PRECONDITION_VALUE)
            .setMessage("new")
            .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("SOMETHING_NEW").build()))
            .build();
    RaftpadException e = ErrorMapper.toException(StatusProto.toStatusRuntimeException(status));
    assertThat(e.reason()).isEqualTo(Reason.INTERNAL);
    assertThat(e.metadata()).containsEntry("server_reason", "SOMETHING_NEW");
  }
}
