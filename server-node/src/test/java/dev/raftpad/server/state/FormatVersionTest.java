package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.SnapshotMeta;
import org.junit.jupiter.api.Test;

/** A node refuses what a newer format wrote, says why, and changes nothing (ADR 0008). */
class FormatVersionTest {
  private static Command register(String id, String name, int formatVersion) {
    return Command.newBuilder()
        .setTimeMillis(1)
        .setFormatVersion(formatVersion)
        .setRegisterUser(
            RegisterUserCommand.newBuilder()
                .setUserId(id)
                .setUsername(name)
                .setPasswordHash("$2a$10$x"))
        .build();
  }

  @Test
  void absentMeansVersion1AndTheCurrentVersionIsWritten() throws Exception {
    CollabState state = new CollabState();
    assertThat(state.apply(1, register("u1", "ada", 0).toByteArray()))
        .isInstanceOf(CommandResult.Applied.class);
    assertThat(state.apply(2, register("u2", "grace", FormatVersion.CURRENT).toByteArray()))
        .isInstanceOf(CommandResult.Applied.class);

    // Without images, the oldest version that reads it exactly: a node of the previous release
    // installs it during a rolling upgrade.
    assertThat(StateSnapshot.parseFrom(state.snapshot().encode()).getFormatVersion())
        .isEqualTo(FormatVersion.WITHOUT_IMAGES);
  }

  @Test
  void onlyCommandsWithImagesAreWrittenInTheImagesVersion() throws Exception {
    var image = dev.raftpad.document.op.Attributes.builder().image("a".repeat(64)).build();
    var withImage =
        Commands.submitOperation(
            dev.raftpad.proto.v1.SubmitOperationCommand.newBuilder()
                .setDocumentId("d")
                .setOperation(
                    dev.raftpad.codec.OperationCodec.toWire(
                        dev.raftpad.document.op.Operation.insert(
                            0, dev.raftpad.document.op.Images.CHARACTER, image))));
    var plain =
        Commands.submitOperation(
            dev.raftpad.proto.v1.SubmitOperationCommand.newBuilder()
                .setDocumentId("d")
                .setOperation(
                    dev.raftpad.codec.OperationCodec.toWire(
                        dev.raftpad.document.op.Operation.insert(0, "text"))));
    var addImage =
        Commands.addImage(dev.raftpad.proto.v1.AddImageCommand.newBuilder().setDocumentId("d"));

    assertThat(Command.parseFrom(withImage.toBytes(1)).getFormatVersion())
        .isEqualTo(FormatVersion.IMAGES);
    assertThat(Command.parseFrom(addImage.toBytes(1)).getFormatVersion())
        .isEqualTo(FormatVersion.IMAGES);
    assertThat(Command.parseFrom(plain.toBytes(1)).getFormatVersion())
        .isEqualTo(FormatVersion.WITHOUT_IMAGES);
  }

  @Test
  void aCommandOfAnUnknownVersionIsRefusedWithAClearMessageAndChangesNothing() {
    CollabState state = new CollabState();
    state.apply(1, register("u1", "ada", 0).toByteArray());
    byte[] before = state.snapshot().encode();

    assertThatThrownBy(
            () -> state.apply(2, register("u2", "grace", FormatVersion.CURRENT + 1).toByteArray()))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessage(
            "the command at index 2 is in format version "
                + (FormatVersion.CURRENT + 1)
                + "; this node reads format versions 1 to "
                + FormatVersion.CURRENT
                + ". Upgrade this node (or restore data written by a version it reads).");
    assertThat(state.snapshot().encode()).isEqualTo(before);
    assertThat(state.userByName("grace")).isNull();
  }

  @Test
  void aSnapshotOfAnUnknownVersionIsNotInstalledAndChangesNothing() throws Exception {
    CollabState state = new CollabState();
    state.apply(1, register("u1", "ada", 0).toByteArray());
    byte[] before = state.snapshot().encode();
    CollabState other = new CollabState();
    other.apply(1, register("u9", "eve", 0).toByteArray());
    byte[] future =
        StateSnapshot.newBuilder()
            .mergeFrom(other.snapshot().encode())
            .setFormatVersion(-1) // the largest unsigned 32-bit version
            .build()
            .toByteArray();

    assertThatThrownBy(() -> state.restore(new SnapshotMeta(5, 1, Membership.EMPTY), future))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageStartingWith("the state snapshot at index 5 is in format version 4294967295;")
        .hasMessageContaining("this node reads format versions 1 to " + FormatVersion.CURRENT);
    assertThat(state.snapshot().encode()).isEqualTo(before);
    assertThat(state.userByName("eve")).isNull();
  }
}
