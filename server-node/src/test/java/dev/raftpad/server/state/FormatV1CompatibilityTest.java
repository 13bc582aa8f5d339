package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.PresenceEntry;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.SnapshotMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Upgrades keep working: the log and the snapshot that format version 1 wrote
 * (src/test/resources/format-v1, see its README) are read by today's code into the state they
 * described then.
 */
class FormatV1CompatibilityTest {
  private static final long T0 = 1_700_000_000_000L;

  private static byte[] resource(String name) {
    try (InputStream in =
        FormatV1CompatibilityTest.class.getResourceAsStream("/format-v1/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Command> log() {
    List<Command> log = new ArrayList<>();
    try (InputStream in =
        FormatV1CompatibilityTest.class.getResourceAsStream("/format-v1/log.bin")) {
      for (Command c = Command.parseDelimitedFrom(in);
          c != null;
          c = Command.parseDelimitedFrom(in)) {
        log.add(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return log;
  }

  @Test
  void theVersion1LogReplaysIntoTheStateItDescribed() {
    CollabState state = new CollabState();
    Map<String, String> members = new TreeMap<>();
    state.onMemberAddress(members::put);
    List<Command> log = log();
    assertThat(log).hasSize(27);
    long index = 0;
    for (Command command : log) {
      assertThat(state.apply(++index, command.toByteArray()))
          .as("command %d (%s)", index, command.getKindCase())
          .isInstanceOf(CommandResult.Applied.class);
    }

    assertTheFixtureState(state, members);
  }

  @Test
  void theVersion1SnapshotRestoresIntoTheSameStateAndKeepsWorking() {
    CollabState replayed = new CollabState();
    long index = 0;
    for (Command command : log()) {
      replayed.apply(++index, command.toByteArray());
    }
    CollabState restored = new CollabState();
    Map<String, String> members = new TreeMap<>();
    restored.onMemberAddress(members::put);

    restored.restore(new SnapshotMeta(index, 1, Membership.EMPTY), resource("snapshot.bin"));

    assertTheFixtureState(restored, members);
    assertThat(restored.snapshot().encode()).isEqualTo(replayed.snapshot().encode());
    Command next =
        Command.newBuilder()
            .setTimeMillis(T0 + 100_000)
            .setSubmitOperation(
                SubmitOperationCommand.newBuilder()
                    .setDocumentId("d1")
                    .setUserId("u2")
                    .setClientId("c2")
                    .setClientSeq(3)
                    .setBaseRevision(5)
                    .setOperation(OperationCodec.toWire(Operation.insert(0, "#"))))
            .build();
    assertThat(restored.apply(index + 1, next.toByteArray()))
        .isEqualTo(replayed.apply(index + 1, next.toByteArray()))
        .isInstanceOf(CommandResult.Applied.class);
    assertThat(restored.documentLog("d1").head().text()).isEqualTo("#>> Hello world!\n");
    assertThat(restored.snapshot().encode()).isEqualTo(replayed.snapshot().encode());
  }

  private static void assertTheFixtureState(CollabState state, Map<String, String> members) {
    assertThat(state.userByName("ada").getUserId()).isEqualTo("u1");
    assertThat(state.user("u1").getAdmin()).isTrue();
    assertThat(state.user("u2").getDisplayName()).isEqualTo("Grace Hopper");
    assertThat(state.user("u2").getAdmin()).isFalse();
    long now = T0 + 30_000;
    assertThat(state.sessionIndex().find(new byte[] {1, 1, 1}, now).sessionId()).isEqualTo("s1");
    assertThat(state.sessionIndex().find(new byte[] {2, 2, 2}, now).userId()).isEqualTo("u2");
    assertThat(state.sessionIndex().find(new byte[] {3, 3, 3}, now)).as("ended").isNull();
    assertThat(members)
        .containsExactly(Map.entry("n1", "10.0.0.1:7000"), Map.entry("n2", "10.0.0.2:7000"));

    var d1 = state.documentLog("d1");
    assertThat(d1.headRevision()).isEqualTo(5);
    assertThat(d1.head().asOperation())
        .isEqualTo(
            Operation.builder()
                .insert(">> ")
                .insert("Hello", Attributes.builder().bold(true).build())
                .insert(" world!")
                .insert("\n", Attributes.builder().heading(Heading.H1).build())
                .build());
    assertThat(d1.namedVersions()).containsExactly(Map.entry(2L, "before the cut"));
    assertThat(state.documentMeta("d1").getTitle()).isEqualTo("Shared notes");
    assertThat(state.documentMeta("d1").hasLock()).as("unlocked").isFalse();

    assertThat(state.documentLog("d2").head().text()).isEqualTo("todo\n");
    assertThat(state.documentMeta("d2").getLock().getUserId()).isEqualTo("u2");
    assertThat(state.documentMeta("d2").getLock().getExpiresAtMillis())
        .isEqualTo(1_700_000_622_000L);

    assertThat(state.documentLog("d3")).as("in the trash").isNull();
    assertThat(state.documentMeta("d3").getDeletedAtMillis()).isEqualTo(1_700_000_021_000L);

    List<PresenceEntry> online = state.online(now);
    assertThat(online).hasSize(1);
    assertThat(online.get(0).getUser().getUsername()).isEqualTo("ada");
    assertThat(online.get(0).getDocumentIdsList()).containsExactly("d1");
  }
}
