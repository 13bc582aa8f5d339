package dev.raftpad.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.DeliverAck;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.raft.core.Message;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node learns from each member's headers which peer protocol it speaks (ADR 0017), and a message
 * of a kind it does not know (a newer member's) is skipped without ending the link.
 */
class PeerProtocolsTest {
  private final PeerProtocols protocols = new PeerProtocols();
  private final List<Message> received = new ArrayList<>();
  private final RaftPeerGrpcService service =
      new RaftPeerGrpcService(
          "n1",
          "c1",
          (cluster, message) -> received.add(message),
          relayed -> {},
          protocols,
          1 << 20);
  private final RecordingAck ack = new RecordingAck();

  private static PeerMessage heartbeatFrom(String from) {
    return PeerMessages.toWire("c1", new Message.Heartbeat(from, "n1", 3, 7, 0));
  }

  @Test
  void aMemberCountsAsForwardingOnlyOnceItsOwnHeaderSaysSo() {
    StreamObserver<PeerMessage> link = service.deliver(ack);
    assertThat(protocols.forwards("n2")).as("not heard from yet").isFalse();

    link.onNext(heartbeatFrom("n2"));
    assertThat(protocols.forwards("n2")).isTrue();

    // The member was rolled back to a build that sends no protocol (0).
    PeerMessage older = heartbeatFrom("n2");
    link.onNext(older.toBuilder().setHeader(older.getHeader().toBuilder().clearProtocol()).build());
    assertThat(protocols.forwards("n2")).isFalse();
    assertThat(received).hasSize(2);
  }

  @Test
  void aKindOfMessageThisBuildDoesNotKnowIsSkippedAndTheLinkGoesOn() {
    StreamObserver<PeerMessage> link = service.deliver(ack);
    PeerMessage unknownKind =
        heartbeatFrom("n2").toBuilder()
            .clearHeartbeat()
            // What a newer member's new body looks like to this build: an unknown field.
            .setUnknownFields(
                com.google.protobuf.UnknownFieldSet.newBuilder()
                    .addField(
                        99,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("x"))
                            .build())
                    .build())
            .build();

    link.onNext(unknownKind);
    link.onNext(heartbeatFrom("n2"));
    link.onCompleted();

    assertThat(received).hasSize(1);
    assertThat(ack.failure).isNull();
    assertThat(ack.completed).isTrue();
  }

  private static final class RecordingAck implements StreamObserver<DeliverAck> {
    Throwable failure;
    boolean completed;

    @Override
    public void onNext(DeliverAck value) {}

    @Override
    public void onError(Throwable t) {
      failure = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
