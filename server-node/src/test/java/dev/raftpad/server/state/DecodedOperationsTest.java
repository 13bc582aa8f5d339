package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import org.junit.jupiter.api.Test;

/**
 * The proposing leader's apply takes the operation its service decoded instead of decoding again.
 */
class DecodedOperationsTest {
  private final CollabState state = new CollabState();
  private long index;

  private void apply(TypedCommand<?> command) {
    state.apply(++index, command.toBytes(index));
  }

  private static TypedCommand<EditResult> typing(long seq, String text) {
    return typing(seq, 0, text);
  }

  private static TypedCommand<EditResult> typing(long seq, long base, String text) {
    return Commands.submitOperation(
        SubmitOperationCommand.newBuilder()
            .setDocumentId("d1")
            .setUserId("u1")
            .setClientId("c1")
            .setClientSeq(seq)
            .setBaseRevision(base)
            .setOperation(OperationCodec.toWire(Operation.insert(0, text))));
  }

  @Test
  void applyUsesTheOperationRememberedForThatVeryArrayAndForgetsIt() {
    apply(Commands.registerUser(RegisterUserCommand.newBuilder().setUserId("u1").setUsername("a")));
    apply(
        Commands.createDocument(
            CreateDocumentCommand.newBuilder().setDocumentId("d1").setOwnerUserId("u1")));
    byte[] proposed = typing(1, "logged").toBytes(10);
    // Only a test remembers something other than the bytes' own decoding: it shows which one
    // apply used.
    state.decodedOperations().remember(proposed, Operation.insert(0, "remembered"));

    state.apply(++index, proposed);

    assertThat(state.documentLog("d1").head().text()).isEqualTo("remembered");
    byte[] sameContentOtherArray = typing(2, 1, "decoded").toBytes(11);
    state.decodedOperations().remember(sameContentOtherArray.clone(), Operation.insert(0, "no"));
    state.apply(++index, sameContentOtherArray);
    assertThat(state.documentLog("d1").head().text())
        .as("another array, even with equal bytes, is decoded")
        .isEqualTo("decodedremembered");
    assertThat(state.decodedOperations().take(proposed)).as("taken when applied").isNull();
  }

  @Test
  void whatTheServiceDecodedIsWhatDecodingTheLoggedBytesGives() {
    TypedCommand<EditResult> edit = typing(1, "x");
    byte[] bytes = edit.toBytes(10);

    CollabState leader = new CollabState();
    CollabState follower = new CollabState();
    for (CollabState replica : new CollabState[] {leader, follower}) {
      replica.apply(
          1,
          Commands.registerUser(RegisterUserCommand.newBuilder().setUserId("u1").setUsername("a"))
              .toBytes(1));
      replica.apply(
          2,
          Commands.createDocument(
                  CreateDocumentCommand.newBuilder().setDocumentId("d1").setOwnerUserId("u1"))
              .toBytes(2));
    }
    leader.decodedOperations().remember(bytes, edit.decoded().orElseThrow());

    assertThat(leader.apply(3, bytes)).isEqualTo(follower.apply(3, bytes.clone()));
    assertThat(leader.snapshot().encode()).isEqualTo(follower.snapshot().encode());
  }
}
