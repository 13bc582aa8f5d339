package dev.raftpad.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import dev.raftpad.proto.v1.AlertKind;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.Status;
import dev.raftpad.server.state.CollabState;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the watch of node n1 tells its streams as the leadership moves, driven through the Raft
 * views it sees tick by tick (the cluster tests cannot choose at which instant the watch looks).
 * Every node serves streams (ADR 0014): a leader change is announced and ends none; only a node
 * that knows no leader for the whole wait ends them.
 */
class ClusterWatchTest {
  private static final Duration CUT_OFF_WAIT = Duration.ofSeconds(2);
  private static final Membership MEMBERS = new Membership(Set.of("n1", "n2", "n3"), Set.of());

  private final FakeNode node = new FakeNode();
  private final EventHub hub = new EventHub(new CollabState().accessIndex(), Runnable::run);
  private long nanos;
  private final ClusterWatch watch = new ClusterWatch("n1", node, hub, CUT_OFF_WAIT, () -> nanos);
  private final RecordingStream stream = new RecordingStream();

  private void aStreamOpenWhile(RoleName role, String leader) {
    tick(role, 2, leader);
    hub.register(hub.subscriber("someone", Set.of(), true, false, EventHub.Outbound.of(stream)));
    tick(role, 2, leader);
    assertThat(stream.ended).isNull();
  }

  private void tick(RoleName role, long term, String leader) {
    node.status = new Status("n1", term, role, leader, 7, 7, 7, 0, MEMBERS, Map.of());
    watch.run();
    nanos += Duration.ofMillis(50).toNanos();
  }

  @Test
  void aLeaderThatHandsOverAnnouncesItsSuccessorOnceItKnowsItAndKeepsItsStreams() {
    aStreamOpenWhile(RoleName.LEADER, "n1");
    // A transfer to n2: n2's vote request makes n1 a follower that knows no leader yet ...
    tick(RoleName.FOLLOWER, 3, null);

    assertThat(stream.events).isEmpty();

    // ... until n2's first append arrives.
    tick(RoleName.FOLLOWER, 3, "n2");
    tick(RoleName.FOLLOWER, 3, "n2");

    assertThat(stream.events)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getAlert().getKind()).isEqualTo(AlertKind.ALERT_KIND_LEADER_CHANGED);
              assertThat(alert.getAlert().getNodeId()).isEqualTo("n2");
            });
    assertThat(stream.ended).isNull();
  }

  @Test
  void aFollowersStreamsHearOfANewLeaderToo() {
    aStreamOpenWhile(RoleName.FOLLOWER, "n2");

    tick(RoleName.FOLLOWER, 3, "n3");

    assertThat(stream.events)
        .singleElement()
        .satisfies(alert -> assertThat(alert.getAlert().getNodeId()).isEqualTo("n3"));
    assertThat(stream.ended).isNull();
  }

  @Test
  void aNodeThatKnowsNoLeaderForTheWholeWaitEndsItsStreamsNamingNone() {
    aStreamOpenWhile(RoleName.LEADER, "n1");
    long cutOff = nanos;
    tick(RoleName.FOLLOWER, 3, null); // cut off: check-quorum made it step down
    while (nanos - cutOff < CUT_OFF_WAIT.toNanos()) {
      tick(RoleName.FOLLOWER, 3, null);
      assertThat(stream.ended).isNull();
    }

    tick(RoleName.FOLLOWER, 3, null); // the first look once the wait is over

    assertThat(stream.ended).isNotNull();
    assertThat(stream.ended.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    assertThat(notLeader(stream.ended).getLeaderId()).isEmpty();
    assertThat(stream.events).isEmpty();
  }

  @Test
  void anElectionShorterThanTheWaitThatReElectsTheSameLeaderChangesNothing() {
    aStreamOpenWhile(RoleName.FOLLOWER, "n2");
    tick(RoleName.FOLLOWER, 3, null);
    tick(RoleName.FOLLOWER, 4, "n2");
    long back = nanos;
    while (nanos - back < 2 * CUT_OFF_WAIT.toNanos()) {
      tick(RoleName.FOLLOWER, 4, "n2");
    }

    assertThat(stream.ended).isNull();
    assertThat(stream.events).isEmpty();
  }

  @Test
  void aLeadershipBetweenTwoLooksIsStillAnnouncedFromTheRaftLoopsNews() {
    aStreamOpenWhile(RoleName.FOLLOWER, "n2");
    // Between two looks n3 was elected and handed over to n2 again: only the loop saw n3.
    watch.roleChanged(new Status("n1", 3, RoleName.FOLLOWER, "n3", 7, 7, 7, 0, MEMBERS, Map.of()));
    watch.roleChanged(new Status("n1", 4, RoleName.FOLLOWER, "n2", 7, 7, 7, 0, MEMBERS, Map.of()));
    tick(RoleName.FOLLOWER, 4, "n2");

    assertThat(stream.events)
        .extracting(alert -> alert.getAlert().getNodeId())
        .containsExactly("n3", "n2");
    assertThat(stream.ended).isNull();
  }

  @Test
  void whenAMemberOfAnOlderVersionLeadsTheStreamsHereAreSentToIt() {
    aStreamOpenWhile(RoleName.FOLLOWER, "n2");
    // A rolling upgrade: n2 stopped, and n3, still on the previous release, was elected.
    node.olderVersions.add("n3");
    tick(RoleName.FOLLOWER, 3, "n3");

    assertThat(stream.ended).isNotNull();
    assertThat(notLeader(stream.ended).getLeaderId()).isEqualTo("n3");
    assertThat(stream.ended.getStatus().getDescription()).contains("older version");
  }

  private static NotLeader notLeader(StatusRuntimeException e) {
    for (Any any : StatusProto.fromThrowable(e).getDetailsList()) {
      if (any.is(NotLeader.class)) {
        try {
          return any.unpack(NotLeader.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException bad) {
          throw new AssertionError(bad);
        }
      }
    }
    throw new AssertionError("no NotLeader in " + e);
  }

  /** Node n1 as the watch sees it; the redirect names the given leader, else the one known. */
  private static final class FakeNode implements ClusterWatch.View {
    Status status;

    /** Members that take no forwarded writes (ADR 0017). */
    final Set<String> olderVersions = new java.util.HashSet<>();

    @Override
    public Status status() {
      return status;
    }

    @Override
    public long now() {
      return 1_000_000L;
    }

    @Override
    public NotLeader notLeader(String leader) {
      String named = leader != null ? leader : status.leaderId();
      NotLeader.Builder detail = NotLeader.newBuilder().setTerm(status.term());
      if (named != null) {
        detail.setLeaderId(named);
      }
      return detail.build();
    }

    @Override
    public <T> CompletableFuture<T> readStale(Function<CollabState, T> query) {
      return new CompletableFuture<>(); // no locks to scan here
    }

    @Override
    public boolean servesStreams() {
      String leader = status.leaderId();
      return leader != null && (leader.equals(status.id()) || !olderVersions.contains(leader));
    }
  }

  /** A Subscribe stream that is always ready and records what it is sent. */
  private static final class RecordingStream extends ServerCallStreamObserver<Event> {
    final List<Event> events = new ArrayList<>();
    StatusRuntimeException ended;

    @Override
    public void onNext(Event event) {
      assertThat(ended).isNull();
      events.add(event);
    }

    @Override
    public void onError(Throwable t) {
      assertThat(ended).isNull();
      ended = (StatusRuntimeException) t;
    }

    @Override
    public void onCompleted() {
      throw new AssertionError("a stream here ends only with a redirect");
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {}

    @Override
    public void setOnCancelHandler(Runnable handler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}
  }
}
