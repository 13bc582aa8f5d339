package dev.raftpad.document.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits recorded as continuing the last are undone and redone together; others' stay. */
class UndoGroupingTest {
  private final List<Outgoing> sent = new ArrayList<>();
  private final SyncClient client = new SyncClient("me", Document.of("x"), 0, sent::add);

  private void type(int position, String text, boolean continuesLast) {
    client.edit(Operation.insert(position, text), continuesLast);
  }

  @Test
  void oneUndoTakesBackAWholeGroupAndRedoBringsItBack() {
    type(1, "a", false);
    type(2, "b", true);
    type(3, " ", true);
    type(4, "c", false);
    type(5, "d", true);

    client.undo();
    assertThat(client.document().text()).isEqualTo("xab ");
    client.undo();
    assertThat(client.document().text()).isEqualTo("x");
    client.redo();
    assertThat(client.document().text()).isEqualTo("xab ");
  }

  @Test
  void aRemoteEditInsideAGroupSurvivesItsUndo() {
    type(1, "a", false);
    client.onCommitted(1, "other", 1, Operation.insert(0, "R")); // before confirming ours
    type(3, "b", true); // "Rxab"
    client.undo();
    assertThat(client.document().text()).isEqualTo("Rx");
  }
}
