package dev.raftpad.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.EditResult;
import dev.raftpad.testkit.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real Raft runtime, the leader applies the very array it proposed, so an edit its
 * service decoded is not decoded again — and nothing stays remembered afterwards.
 */
class DecodeOnceTest {
  @Test
  void theLeaderAppliesWhatItsServiceDecoded(@TempDir Path dir) throws Exception {
    CollabState state = new CollabState();
    FileStorage storage = new FileStorage(dir.resolve("raft"));
    NodeDriver<CommandResult<?>> driver =
        NodeDriver.open(
            "n1",
            RaftConfig.defaults(),
            new SplittableRandom(1),
            storage,
            message -> {},
            state,
            new Membership(Set.of("n1"), Set.of()),
            NodeDriver.SnapshotPolicy.DEFAULT);
    RaftServer<CommandResult<?>> raft =
        new RaftServer<>(driver, storage, "c1", Duration.ofMillis(5));
    try {
      raft.start();
      Await.until("n1 leads", () -> raft.status().role() == RoleName.LEADER);
      Replicator replicator =
          new Replicator(raft, state, Map.of(), Clock.systemUTC(), Runnable::run);

      replicator
          .propose(
              Commands.registerUser(
                  RegisterUserCommand.newBuilder().setUserId("u1").setUsername("ada")))
          .get(10, TimeUnit.SECONDS);
      replicator
          .propose(
              Commands.createDocument(
                  CreateDocumentCommand.newBuilder()
                      .setDocumentId("d1")
                      .setOwnerUserId("u1")
                      .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hi\n")))))
          .get(10, TimeUnit.SECONDS);
      CommandResult<EditResult> edit =
          replicator
              .propose(
                  Commands.submitOperation(
                      SubmitOperationCommand.newBuilder()
                          .setDocumentId("d1")
                          .setUserId("u1")
                          .setClientId("c1")
                          .setClientSeq(1)
                          .setBaseRevision(1) // revision 1 is the initial text
                          .setOperation(OperationCodec.toWire(Operation.insert(0, "x")))))
              .get(10, TimeUnit.SECONDS);

      assertThat(edit).isEqualTo(new CommandResult.Applied<>(new EditResult(2, false)));
      assertThat(state.decodedOperations().reused()).as("the content and the edit").isEqualTo(2);
      assertThat(state.decodedOperations().pending()).isZero();
      assertThat(replicator.read(s -> s.documentLog("d1").head().text()).get(10, TimeUnit.SECONDS))
          .isEqualTo("xhi\n");
    } finally {
      raft.close();
    }
  }
}
