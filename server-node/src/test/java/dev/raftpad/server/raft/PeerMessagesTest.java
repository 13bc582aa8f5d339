package dev.raftpad.server.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.proto.v1.ProposeRefusal;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Proposal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Forwarded proposals cross the wire and back unchanged; a response that says both is refused. */
class PeerMessagesTest {
  private static Message roundTrip(Message message) {
    return PeerMessages.fromWire(PeerMessages.toWire("c1", message));
  }

  @Test
  void aForwardedProposalAndEveryKindOfAnswerSurviveTheWire() {
    var request =
        new Message.ProposeRequest("n2", "n1", 5, 42, "command".getBytes(StandardCharsets.UTF_8));
    var accepted = new Message.ProposeResponse("n1", "n2", 5, 42, 17, 5, null);
    var notLeader =
        new Message.ProposeResponse("n1", "n2", 6, 43, 0, 0, Proposal.Reason.NOT_LEADER);
    var transfer =
        new Message.ProposeResponse(
            "n1", "n2", 6, 44, 0, 0, Proposal.Reason.LEADERSHIP_TRANSFER_IN_PROGRESS);

    assertThat(roundTrip(request)).isEqualTo(request);
    assertThat(roundTrip(accepted)).isEqualTo(accepted);
    assertThat(roundTrip(notLeader)).isEqualTo(notLeader);
    assertThat(roundTrip(transfer)).isEqualTo(transfer);
  }

  @Test
  void anAnswerWithBothAnIndexAndARefusalOrNeitherIsMalformed() {
    PeerMessage accepted =
        PeerMessages.toWire("c1", new Message.ProposeResponse("n1", "n2", 5, 42, 17, 5, null));
    PeerMessage both =
        accepted.toBuilder()
            .setProposeResponse(
                accepted.getProposeResponse().toBuilder()
                    .setRefusal(ProposeRefusal.PROPOSE_REFUSAL_NOT_LEADER))
            .build();
    PeerMessage neither =
        accepted.toBuilder()
            .setProposeResponse(accepted.getProposeResponse().toBuilder().setIndex(0))
            .build();

    assertThatThrownBy(() -> PeerMessages.fromWire(both))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index or a refusal");
    assertThatThrownBy(() -> PeerMessages.fromWire(neither))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
