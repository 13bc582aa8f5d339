package dev.raftpad.document.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.sync.SyncState.AwaitingConfirm;
import dev.raftpad.document.sync.SyncState.AwaitingWithBuffer;
import dev.raftpad.document.sync.SyncState.Synchronized;
import dev.raftpad.document.text.Document;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncClientTest {
  private final List<Outgoing> sent = new ArrayList<>();
  private final SyncClient client = new SyncClient("me", Document.of("abc"), 0, sent::add);

  @Test
  void oneOperationInFlightAndLaterTypingComposedIntoTheBuffer() {
    client.edit(Operation.insert(3, "d"));
    assertThat(client.state()).isInstanceOf(AwaitingConfirm.class);
    assertThat(sent).containsExactly(new Outgoing("me", 1, 0, Operation.insert(3, "d")));

    client.edit(Operation.insert(4, "e"));
    client.edit(Operation.insert(5, "f"));
    assertThat(client.state()).isInstanceOf(AwaitingWithBuffer.class);
    assertThat(((AwaitingWithBuffer) client.state()).buffer()).isEqualTo(Operation.insert(4, "ef"));
    assertThat(sent).hasSize(1);

    client.onCommitted(1, "me", 1, Operation.insert(3, "d"));
    assertThat(sent).last().isEqualTo(new Outgoing("me", 2, 1, Operation.insert(4, "ef")));
    assertThat(client.state()).isInstanceOf(AwaitingConfirm.class);

    client.onCommitted(2, "me", 2, Operation.insert(4, "ef"));
    assertThat(client.state()).isInstanceOf(Synchronized.class);
    assertThat(client.document().text()).isEqualTo("abcdef");
  }

  @Test
  void remoteOperationsAreTransformedAgainstTheInFlightOperationAndTheBuffer() {
    client.edit(Operation.insert(0, "X")); // in flight: "Xabc"
    client.edit(Operation.insert(4, "Z")); // buffer: "XabcZ"

    var applied = client.onCommitted(1, "other", 1, Operation.delete(1, 1)); // server: "ac"

    assertThat(applied).contains(Operation.delete(2, 1));
    assertThat(client.document().text()).isEqualTo("XacZ");
    AwaitingWithBuffer state = (AwaitingWithBuffer) client.state();
    assertThat(state.inFlight()).isEqualTo(Operation.insert(0, "X"));
    assertThat(state.buffer()).isEqualTo(Operation.insert(3, "Z"));
  }

  @Test
  void tiesFollowTheSameRuleAsTheServer() {
    SyncClient bob = new SyncClient("bob", Document.of("ab"), 0, sent::add);
    bob.edit(Operation.insert(1, "B"));

    bob.onCommitted(1, "alice", 1, Operation.insert(1, "A")); // alice sorts first: her text first
    bob.onCommitted(2, "bob", 1, Operation.insert(2, "B"));
    bob.onCommitted(3, "carol", 1, Operation.insert(3, "C")); // carol, transformed by the server

    DocumentLog server = new DocumentLog(Document.of("ab"), 0);
    server.submit(new Submission("alice", 1, 0, Operation.insert(1, "A"), "a", Instant.EPOCH));
    server.submit(new Submission("bob", 1, 0, Operation.insert(1, "B"), "b", Instant.EPOCH));
    server.submit(new Submission("carol", 1, 0, Operation.insert(1, "C"), "c", Instant.EPOCH));
    assertThat(server.head().text()).isEqualTo("aABCb");
    assertThat(bob.document()).isEqualTo(server.head());
  }

  @Test
  void aRestoredClientResendsItsOperationUnderTheSameIdAndSequenceAndKeepsItsBuffer() {
    DocumentLog server = new DocumentLog(Document.of("abc"), 0);
    client.edit(Operation.insert(0, "X"));
    assertThat(server.submit(submission(sent.getFirst()))).isInstanceOf(SubmitResult.Applied.class);
    client.edit(Operation.insert(4, "Z")); // buffered; never sent before the "crash"
    server.submit(new Submission("other", 1, 0, Operation.insert(3, "!"), "o", Instant.EPOCH));

    List<Outgoing> sentAfter = new ArrayList<>();
    SyncClient restored = SyncClient.restore(client.saved(), sentAfter::add);
    assertThat(restored.document()).isEqualTo(client.document());
    assertThat(restored.clientId()).isEqualTo("me");

    // The stream replays from the saved revision: the own operation confirms it, the buffer goes
    // next with the following sequence number; the resend of the applied one is a duplicate.
    restored.resend();
    assertThat(sentAfter).containsExactly(sent.getFirst());
    assertThat(server.submit(submission(sentAfter.getFirst())))
        .isInstanceOf(SubmitResult.Duplicate.class);
    restored.onCommitted(1, "me", 1, Operation.insert(0, "X"));
    restored.onCommitted(2, "other", 1, server.revision(2).orElseThrow().operation());
    assertThat(sentAfter.getLast().clientSeq()).isEqualTo(2);
    assertThat(server.submit(submission(sentAfter.getLast())))
        .isInstanceOf(SubmitResult.Applied.class);
    assertThat(server.head().text()).startsWith("Xabc").hasSize(6).contains("Z", "!");
    assertThat(restored.document()).isEqualTo(server.head());
  }

  @Test
  void aSavedStateWhoseSequenceNumbersDisagreeIsRefused() {
    client.edit(Operation.insert(0, "X"));
    SyncClient.Saved saved = client.saved();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new SyncClient.Saved(
                    saved.clientId(), saved.confirmed(), saved.revision(), 0, saved.state()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seq 1");
  }

  @Test
  void afterAReconnectTheInFlightOperationIsResentWithTheSameSequenceNumber() {
    DocumentLog server = new DocumentLog(Document.of("abc"), 0);
    client.edit(Operation.insert(0, "X"));
    Outgoing first = sent.get(0);
    SubmitResult result = server.submit(submission(first));

    client.resend(); // the connection dropped before the confirmation arrived
    assertThat(sent.get(1)).isEqualTo(first);
    assertThat(server.submit(submission(sent.get(1))))
        .isEqualTo(new SubmitResult.Duplicate(((SubmitResult.Applied) result).revision()));
    assertThat(server.head().text()).isEqualTo("Xabc");
  }

  @Test
  void undoRevertsOnlyOwnEditsEvenAfterRemoteOnes() {
    client.edit(Operation.insert(3, " mine"));
    client.onCommitted(1, "me", 1, Operation.insert(3, " mine"));
    client.onCommitted(2, "other", 1, Operation.insert(0, "theirs "));
    assertThat(client.document().text()).isEqualTo("theirs abc mine");

    assertThat(client.undo()).contains(Operation.builder().retain(10).delete(5).build());
    assertThat(client.document().text()).isEqualTo("theirs abc");

    client.onCommitted(3, "other", 2, Operation.delete(0, 7));
    client.redo();
    assertThat(client.document().text()).isEqualTo("abc mine");
    assertThat(client.undo()).isPresent();
    assertThat(client.document().text()).isEqualTo("abc");
    assertThat(client.undo()).isEmpty();
  }

  @Test
  void remoteCaretsMoveWithTheText() {
    client.onRemoteSelection("bob", 0, Selection.caret(2));
    client.onRemoteSelection("eve", 0, new Selection(1, 3));

    client.edit(Operation.insert(0, "XY"));
    client.onCommitted(1, "other", 1, Operation.delete(0, 1)); // remote deletes "a"

    assertThat(client.carets().all())
        .containsEntry("bob", Selection.caret(3))
        .containsEntry("eve", new Selection(2, 4));
    assertThat(client.document().text()).isEqualTo("XYbc");
  }

  private static Submission submission(Outgoing out) {
    return new Submission(
        out.clientId(), out.clientSeq(), out.baseRevision(), out.operation(), "me", Instant.EPOCH);
  }
}
