package dev.raftpad.document.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The in-place editor agrees with persistent apply, and never changes a snapshot it handed out. */
class DocumentEditorTest {

  /**
   * A session applying many edits between snapshots changes its nodes in place. A subtree that grew
   * in place must still be rebalanced above it: once it was not, and a desktop client taking 300
   * remote inserts while a long document loaded recursed past its stack in the next insert.
   */
  @Property(tries = 50)
  void editsBetweenSnapshotsKeepTheTreeBalanced(@ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    OperationBuilder content = Operation.builder();
    for (int line = 0; line < 300; line++) {
      content
          .insert("Chapter " + line, Attributes.NONE)
          .insert("\n", Attributes.builder().heading(Heading.H2).build())
          .insert("Words about the raft log 😀 and its quorum, line " + line + "\n");
    }
    DocumentEditor editor = new DocumentEditor(Document.fromContent(content.build()));
    for (int edit = 0; edit < 2_000; edit++) {
      String text = edit % 3 == 0 ? "new line\n" : "😀x";
      editor.apply(Operation.insert(random.nextInt(editor.length() + 1), text));
    }
    RopeTest.assertBalanced(editor.snapshot().root(), seed);
  }

  @Property(tries = 300)
  void agreesWithApplyAndSnapshotsStayFrozen(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document expected = edits.document();
    DocumentEditor editor = new DocumentEditor(expected);
    List<Document> snapshots = new ArrayList<>();
    List<Operation> frozenContents = new ArrayList<>();
    for (int step = 0; step < 120; step++) {
      Operation op =
          edits.random().nextInt(10) == 0
              ? Operation.insert(edits.random().nextInt(expected.length() + 1), edits.text(300))
              : edits.operation(expected.length());
      expected = expected.apply(op);
      editor.apply(op);
      assertThat(editor.length()).as("seed %d", seed).isEqualTo(expected.length());
      if (edits.random().nextInt(7) == 0) {
        Document snapshot = editor.snapshot();
        assertThat(snapshot).as("seed %d", seed).isEqualTo(expected);
        snapshots.add(snapshot);
        frozenContents.add(snapshot.asOperation());
      }
    }
    assertThat(editor.snapshot()).as("seed %d", seed).isEqualTo(expected);
    for (int i = 0; i < snapshots.size(); i++) {
      assertThat(snapshots.get(i).asOperation())
          .as("seed %d: snapshot %d changed after later edits", seed, i)
          .isEqualTo(frozenContents.get(i));
    }
  }
}
