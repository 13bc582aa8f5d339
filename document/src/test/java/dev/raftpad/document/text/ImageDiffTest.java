package dev.raftpad.document.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.ImagePlacement;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Diffs, restores and merges see an image as its id, not as its character. */
class ImageDiffTest {
  private static final String CAT = "c".repeat(64);
  private static final String DOG = "d".repeat(64);

  private static Document withImage(String id) {
    return Document.empty()
        .apply(
            Operation.builder()
                .insert("a ")
                .insert(Images.CHARACTER, Attributes.builder().image(id).build())
                .insert(" b\n")
                .build());
  }

  @Test
  void twoDifferentImagesDiffAsADeleteAndAnInsertNeverAsAFormatChange() {
    Document cat = withImage(CAT);
    Document dog = withImage(DOG);

    Operation diff = cat.diffTo(dog);

    assertThat(cat.apply(diff)).isEqualTo(dog);
    assertThat(diff.components()).anyMatch(c -> c instanceof Delete);
    assertThat(ImagePlacement.problem(diff)).as("no retain touches the image").isEmpty();
    assertThat(diff.components())
        .filteredOn(c -> c instanceof Retain)
        .allMatch(c -> ((Retain) c).attributes().isEmpty());
    assertThat(ImagePlacement.inserted(diff)).containsExactly(DOG);
  }

  @Test
  void theSameImageDiffsAsNothingAndAPlainObjectCharacterIsNotAnImage() {
    assertThat(withImage(CAT).diffTo(withImage(CAT)).isIdentity()).isTrue();
    Document plain = Document.empty().apply(Operation.insert(0, "a " + Images.CHARACTER + " b\n"));

    Operation diff = plain.diffTo(withImage(CAT));

    assertThat(plain.apply(diff)).isEqualTo(withImage(CAT));
    assertThat(ImagePlacement.problem(diff)).isEmpty();
  }

  @Test
  void restoringARevisionBringsADeletedOrReplacedImageBack() {
    DocumentLog log = new DocumentLog();
    Instant now = Instant.EPOCH;
    submit(log, 1, 0, withImage(CAT).asOperation(), now);
    // Someone replaces the cat with a dog: delete it, insert the dog.
    submit(
        log,
        2,
        1,
        Operation.builder()
            .retain(2)
            .delete(1)
            .insert(Images.CHARACTER, Attributes.builder().image(DOG).build())
            .build(),
        now);
    assertThat(log.head()).isEqualTo(withImage(DOG));

    SubmitResult restored = log.restore("c", 3, 1, "ada", now);

    assertThat(restored).isInstanceOf(SubmitResult.Applied.class);
    assertThat(log.head()).isEqualTo(withImage(CAT));
  }

  private static void submit(DocumentLog log, long seq, long base, Operation op, Instant now) {
    assertThat(log.submit(new Submission("c", seq, base, op, "ada", now)))
        .isInstanceOf(SubmitResult.Applied.class);
  }
}
