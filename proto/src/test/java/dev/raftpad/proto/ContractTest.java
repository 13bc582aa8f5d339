package dev.raftpad.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CollabProto;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.LlmProto;
import dev.raftpad.proto.v1.Member;
import dev.raftpad.proto.v1.MemberRole;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.RaftProto;
import dev.raftpad.proto.v1.WhoAmIRequest;
import dev.raftpad.proto.v1.WhoAmIResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The generated contract compiles, carries structured error details, and has every service. */
class ContractTest {

  @Test
  void notLeaderDetailTravelsInTheStatusNotInTheMessage() throws Exception {
    NotLeader notLeader =
        NotLeader.newBuilder()
            .setLeaderId("n2")
            .setLeaderAddress("127.0.0.1:7002")
            .setTerm(7)
            .addMembers(
                Member.newBuilder()
                    .setNodeId("n1")
                    .setClientAddress("127.0.0.1:7001")
                    .setRole(MemberRole.MEMBER_ROLE_VOTER))
            .build();
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new FollowerAccountService(notLeader))
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      var stub = AccountServiceGrpc.newBlockingStub(channel);

      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> stub.whoAmI(WhoAmIRequest.getDefaultInstance()));

      com.google.rpc.Status status = StatusProto.fromThrowable(error);
      assertThat(status).isNotNull();
      assertThat(status.getCode()).isEqualTo(Code.UNAVAILABLE_VALUE);
      assertThat(unpack(status.getDetailsList(), NotLeader.class)).isEqualTo(notLeader);
      assertThat(unpack(status.getDetailsList(), ErrorInfo.class).getReason())
          .isEqualTo("NOT_LEADER");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyServiceOfTheContractIsGenerated() {
    assertThat(CollabProto.getDescriptor().getServices().stream().map(s -> s.getName()).toList())
        .containsExactlyInAnyOrder(
            "AccountService",
            "DocumentService",
            "EditService",
            "ReviewService",
            "LockService",
            "PresenceService",
            "EventService",
            "HistoryService",
            "SharingService",
            "AiService",
            "ClusterService");
    assertThat(RaftProto.getDescriptor().findServiceByName("RaftPeerService").getMethods())
        .extracting(m -> m.getName())
        .containsExactly("Deliver", "InstallSnapshot");
    assertThat(LlmProto.getDescriptor().findServiceByName("LlmService").getMethods())
        .extracting(m -> m.getName())
        .containsExactly("Summarize", "FixGrammar", "Ask", "ImproveWriting", "GetModelInfo");
  }

  @Test
  void errorReasonNamesAreStableReasonStrings() {
    assertThat(reasonString(ErrorReason.ERROR_REASON_DOCUMENT_LOCKED)).isEqualTo("DOCUMENT_LOCKED");
  }

  private static String reasonString(ErrorReason reason) {
    return reason.name().substring("ERROR_REASON_".length());
  }

  private static <T extends com.google.protobuf.Message> T unpack(List<Any> details, Class<T> type)
      throws InvalidProtocolBufferException {
    for (Any detail : details) {
      if (detail.is(type)) {
        return detail.unpack(type);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " among " + details);
  }

  /** A node that is not the leader: every call is redirected with a NotLeader detail. */
  private static final class FollowerAccountService
      extends AccountServiceGrpc.AccountServiceImplBase {
    private final NotLeader notLeader;

    FollowerAccountService(NotLeader notLeader) {
      this.notLeader = notLeader;
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> responseObserver) {
      com.google.rpc.Status status =
          com.google.rpc.Status.newBuilder()
              .setCode(Code.UNAVAILABLE_VALUE)
              .setMessage("this node is not the leader; the leader is n2")
              .addDetails(
                  Any.pack(
                      ErrorInfo.newBuilder()
                          .setDomain("raftpad.dev")
                          .setReason(reasonString(ErrorReason.ERROR_REASON_NOT_LEADER))
                          .build()))
              .addDetails(Any.pack(notLeader))
              .build();
      responseObserver.onError(StatusProto.toStatusRuntimeException(status));
    }
  }
}
