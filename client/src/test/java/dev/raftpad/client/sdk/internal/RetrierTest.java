package dev.raftpad.client.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.proto.v1.Member;
import dev.raftpad.proto.v1.NotLeader;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where and after which pause the retrier tries next when the leader dies: the pauses it decides
 * are recorded, not slept, so what is checked is the decision, not a timing.
 */
class RetrierTest {
  private static final List<String> MEMBERS = List.of("a:1", "b:2", "c:3");

  private final List<Long> pauses = new ArrayList<>();
  private final List<String> tried = new ArrayList<>();
  private final LeaderTracker tracker = new LeaderTracker(MEMBERS, false);
  private final Retrier retrier =
      new Retrier(tracker, () -> true, address -> null, ClientOptions.defaults(), pauses::add);

  @Test
  void aDeadLeaderIsSkippedForTheNextMemberAndTheNamedNewLeaderCalledWithoutAPause() {
    tracker.confirmedLeader("a:1");

    String answer =
        retrier.call(
            CallKind.IDEMPOTENT_WRITE,
            attempt -> {
              tried.add(attempt.address());
              return switch (attempt.address()) {
                case "a:1" -> throw unavailable();
                case "b:2" -> throw notLeader("c:3");
                default -> "ok";
              };
            });

    assertThat(answer).isEqualTo("ok");
    assertThat(tried).containsExactly("a:1", "b:2", "c:3");
    assertThat(pauses).containsExactly(0L, 0L);
  }

  @Test
  void whileAnElectionRunsTheMembersAreAskedAgainSoon() {
    tracker.confirmedLeader("a:1");
    int[] calls = {0};

    String answer =
        retrier.call(
            CallKind.IDEMPOTENT_WRITE,
            attempt -> {
              if (calls[0]++ < 10) {
                throw notLeader("");
              }
              return "ok";
            });

    assertThat(answer).isEqualTo("ok");
    assertThat(pauses).hasSize(10).allSatisfy(p -> assertThat(p).isPositive());
    // The plain backoff would pause half a second or more by the tenth retry.
    assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(50_000_000L));
  }

  // The followers have not noticed yet that their leader died and still name it.
  @Test
  void aRedirectToTheLeaderThatJustFailedIsTakenForAnElection() {
    tracker.confirmedLeader("a:1");
    int[] calls = {0};

    String answer =
        retrier.call(
            CallKind.IDEMPOTENT_WRITE,
            attempt -> {
              tried.add(attempt.address());
              if (attempt.address().equals("a:1")) {
                throw unavailable();
              }
              if (calls[0]++ < 10) {
                throw notLeader("a:1");
              }
              return "ok";
            });

    assertThat(answer).isEqualTo("ok");
    // Followed as a leader, the dead node would be the next try after every answer naming it, and
    // after three such redirects the pauses would grow to a second.
    assertThat(tried).containsSubsequence("b:2", "c:3", "a:1", "b:2", "c:3");
    assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(50_000_000L));
  }

  @Test
  void whenEveryMemberIsUnreachableTheRetrierBacksOff() {
    int[] calls = {0};

    String answer =
        retrier.call(
            CallKind.READ,
            attempt -> {
              if (calls[0]++ < 3) {
                throw unavailable();
              }
              return "ok";
            });

    assertThat(answer).isEqualTo("ok");
    assertThat(pauses).hasSize(3);
    assertThat(pauses.subList(0, 2)).containsOnly(0L);
    assertThat(pauses.get(2)).isPositive();
  }

  @Test
  void redirectsBetweenTwoNodesThatEachNameTheOtherArePausedAfterAFew() {
    tracker.confirmedLeader("a:1");
    int[] calls = {0};

    String answer =
        retrier.call(
            CallKind.READ,
            attempt -> {
              if (calls[0]++ < 5) {
                throw notLeader(attempt.address().equals("a:1") ? "b:2" : "a:1");
              }
              return "ok";
            });

    assertThat(answer).isEqualTo("ok");
    assertThat(pauses.subList(0, Retrier.IMMEDIATE_REDIRECTS)).containsOnly(0L);
    assertThat(pauses.get(Retrier.IMMEDIATE_REDIRECTS)).isPositive();
  }

  private static StatusRuntimeException unavailable() {
    return Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException();
  }

  /** A follower's NotLeader answer naming {@code leaderAddress} (empty: an election runs). */
  private static StatusRuntimeException notLeader(String leaderAddress) {
    NotLeader.Builder detail = NotLeader.newBuilder().setLeaderAddress(leaderAddress);
    for (String member : MEMBERS) {
      detail.addMembers(Member.newBuilder().setNodeId(member).setClientAddress(member));
    }
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage("not the leader")
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setDomain("raftpad.dev")
                        .setReason("NOT_LEADER")
                        .build()))
            .addDetails(Any.pack(detail.setLeaderId(leaderAddress).build()))
            .build());
  }
}
