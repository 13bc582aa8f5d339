package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccessChangeRecord;
import dev.raftpad.proto.v1.AddImageCommand;
import dev.raftpad.proto.v1.CreateDocumentCommand;
import dev.raftpad.proto.v1.DeleteDocumentCommand;
import dev.raftpad.proto.v1.DocumentRecord;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.NameVersionCommand;
import dev.raftpad.proto.v1.RenameDocumentCommand;
import dev.raftpad.proto.v1.RestoreRevisionCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.SubmitOperationCommand;
import dev.raftpad.proto.v1.UndeleteDocumentCommand;
import dev.raftpad.server.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DocumentsTest {
  private final List<Change> changes = new ArrayList<>();
  private final List<String> purged = new ArrayList<>();
  private final Set<String> lockedAgainstOthers = new TreeSet<>();
  private final Documents documents =
      new Documents(this::refuseWrite, "admin"::equals, purged::add, changes::add);

  /** A stand-in for the locks: documents in the set are locked by "holder". */
  private <T> Optional<CommandResult.Refused<T>> refuseWrite(
      String documentId, String userId, long now) {
    return lockedAgainstOthers.contains(documentId) && !userId.equals("holder")
        ? Optional.of(CommandResult.Refused.of(ErrorReason.ERROR_REASON_DOCUMENT_LOCKED, "locked"))
        : Optional.empty();
  }

  /**
   * A document every user may edit: these tests are about documents, not access ({@code
   * SharingTest} is).
   */
  private CommandResult<DocumentRecord> create(String id, String owner, long now, String text) {
    var created = create(id, owner, now, text, FormatVersion.CURRENT);
    if (created instanceof CommandResult.Applied<DocumentRecord>) {
      documents.changeAccess(
          id,
          DocumentAccess.ownedBy(owner).withLinkRole(Role.EDITOR),
          AccessChangeRecord.getDefaultInstance(),
          Sharing.KEPT_CHANGES,
          now);
    }
    return created;
  }

  private CommandResult<DocumentRecord> create(
      String id, String owner, long now, String text, int formatVersion) {
    return documents.create(
        CreateDocumentCommand.newBuilder()
            .setDocumentId(id)
            .setTitle("Doc " + id)
            .setOwnerUserId(owner)
            .build(),
        now,
        () -> Operation.insert(0, text),
        formatVersion);
  }

  private CommandResult<EditResult> submit(
      String doc, String user, long seq, long base, long now, Supplier<Operation> op) {
    return documents.submit(
        SubmitOperationCommand.newBuilder()
            .setDocumentId(doc)
            .setUserId(user)
            .setClientId("c-" + user)
            .setClientSeq(seq)
            .setBaseRevision(base)
            .build(),
        now,
        op,
        FormatVersion.CURRENT);
  }

  private static Operation neverDecoded() {
    throw new AssertionError("decoded although the command was refused before");
  }

  private CommandResult<String> addImage(String doc, byte[] bytes, long documentLimit) {
    return documents.addImage(
        AddImageCommand.newBuilder()
            .setDocumentId(doc)
            .setUserId("u1")
            .setImageId(ImageBytes.idOf(bytes))
            .setMediaType("image/png")
            .setData(ByteString.copyFrom(bytes))
            .setMaxDocumentImageBytes(documentLimit)
            .build(),
        2);
  }

  @Test
  void aDocumentsImagesStayUnderTheStampedTotalAreStoredOnceAndComeBackFromASnapshot() {
    create("d1", "u1", 1, "hi\n");
    byte[] small = TestImages.pngOfSize(100);
    byte[] large = TestImages.pngOfSize(200);
    String smallId = ImageBytes.idOf(small);
    String largeId = ImageBytes.idOf(large);

    assertThat(addImage("d1", small, 250)).isEqualTo(new CommandResult.Applied<>(smallId));
    assertThat(addImage("d1", small, 250)).isEqualTo(new CommandResult.Applied<>(smallId));
    var refused = addImage("d1", large, 250);
    assertThat(refused).isInstanceOf(CommandResult.Refused.class);
    var tooLarge = (CommandResult.Refused<String>) refused;
    assertThat(tooLarge.reason()).isEqualTo(ErrorReason.ERROR_REASON_TOO_LARGE);
    assertThat(tooLarge.metadata())
        .as("the same bytes again took nothing more")
        .containsEntry("actual", "300")
        .containsEntry("limit", "250");
    assertThat(documents.image("d1", largeId)).isEmpty();
    assertThat(addImage("d1", large, 300)).isEqualTo(new CommandResult.Applied<>(largeId));

    Documents restored = new Documents(this::refuseWrite, "admin"::equals, purged::add, c -> {});
    restored.restore(StateSnapshot.newBuilder().addAllDocuments(documents.records()).build());

    assertThat(restored.image("d1", largeId).orElseThrow().getData().toByteArray())
        .isEqualTo(large);
    assertThat(restored.image("d1", smallId)).isPresent();
    assertThat(restored.holdImages()).isTrue();
  }

  @Test
  void editsAreTransformedSequencedReportedAndExactlyOnce() {
    create("d1", "u1", 1, "hello\n");

    // Revision 1 is the initial text; both edits are made against it.
    assertThat(submit("d1", "u1", 1, 1, 2, () -> Operation.insert(5, "!")))
        .isEqualTo(new CommandResult.Applied<>(new EditResult(2, false)));
    assertThat(submit("d1", "u2", 1, 1, 3, () -> Operation.insert(0, ">")))
        .isEqualTo(new CommandResult.Applied<>(new EditResult(3, false)));
    assertThat(submit("d1", "u2", 1, 1, 4, () -> Operation.insert(0, ">")))
        .isEqualTo(new CommandResult.Applied<>(new EditResult(3, true)));

    assertThat(documents.logIncludingDeleted("d1").head().text()).isEqualTo(">hello!\n");
    assertThat(documents.meta("d1").getUpdatedAtMillis()).isEqualTo(3);
    assertThat(changes)
        .filteredOn(Change.EditCommitted.class::isInstance)
        .containsExactly(
            new Change.EditCommitted(
                "d1", 2, Operation.insert(5, "!"), "u1", "c-u1", 1, List.of(), 2),
            new Change.EditCommitted(
                "d1", 3, Operation.insert(0, ">"), "u2", "c-u2", 1, List.of(), 3));
  }

  @Test
  void writesAreRefusedForAMissingDocumentFirstThenForALockBeforeDecoding() {
    create("d1", "u1", 1, "hello\n");
    lockedAgainstOthers.add("d1");

    assertThat(submit("nope", "u1", 1, 0, 2, DocumentsTest::neverDecoded))
        .isEqualTo(Refusals.notFound("nope"));
    assertThat(submit("d1", "u1", 1, 0, 2, DocumentsTest::neverDecoded))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_DOCUMENT_LOCKED));
    assertThat(submit("d1", "holder", 1, 0, 2, () -> Operation.insert(0, "x")))
        .isInstanceOf(CommandResult.Applied.class);
  }

  @Test
  void aDocumentCannotGrowPastItsLimit() {
    create("d1", "u1", 1, "hello\n");
    String big = "x".repeat(Documents.MAX_DOCUMENT_CODE_POINTS);

    assertThat(submit("d1", "u1", 1, 1, 2, () -> Operation.insert(0, big)))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_TOO_LARGE));
    assertThat(documents.logIncludingDeleted("d1").headRevision()).as("the initial text").isOne();
  }

  @Test
  void theLifecycleIsReportedAndOnlyOwnersOrAdminsDeleteAndRestore() {
    create("d1", "u1", 1, "hello\n");
    documents.rename(
        RenameDocumentCommand.newBuilder()
            .setDocumentId("d1")
            .setUserId("u2")
            .setTitle("T")
            .build(),
        2);
    var byOther = DeleteDocumentCommand.newBuilder().setDocumentId("d1").setUserId("u2").build();
    assertThat(documents.delete(byOther, 3))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_NOT_ALLOWED));
    documents.delete(byOther.toBuilder().setUserId("admin").build(), 4);
    assertThat(documents.isLive("d1")).isFalse();
    var undelete = UndeleteDocumentCommand.newBuilder().setDocumentId("d1").setUserId("u1").build();
    documents.undelete(undelete, 5);
    assertThat(documents.undelete(undelete, 6))
        .as("idempotent")
        .isEqualTo(new CommandResult.Applied<>(documents.meta("d1")));

    assertThat(changes)
        .map(c -> c instanceof Change.DocumentChanged d ? d.lifecycle() : null)
        .containsExactly(
            Change.Lifecycle.APPEARED,
            Change.Lifecycle.RENAMED,
            Change.Lifecycle.DELETED,
            Change.Lifecycle.APPEARED);
    assertThat(documents.meta("d1").getTitle()).isEqualTo("T");
  }

  @Test
  void theTrashIsPurgedAtApplyTimeFromTheCommandsClock() {
    create("d1", "u1", 1, "a\n");
    create("d2", "u1", 1, "b\n");
    documents.delete(
        DeleteDocumentCommand.newBuilder().setDocumentId("d1").setUserId("u1").build(), 10);
    long due = 10 + Documents.TRASH_RETENTION_MILLIS;

    create("d3", "u1", due - 1, "c\n");
    assertThat(documents.logIncludingDeleted("d1")).isNotNull();
    create("d4", "u1", due, "d\n");

    assertThat(documents.logIncludingDeleted("d1")).isNull();
    assertThat(purged).containsExactly("d1");
    assertThat(create("d1", "u1", due, "again\n"))
        .as("the id is free again")
        .isInstanceOf(CommandResult.Applied.class);
  }

  @Test
  void aNameBelongsToOneRevisionAndRestoreIsAForwardEdit() {
    create("d1", "u1", 1, "one\n");
    submit("d1", "u1", 1, 1, 2, () -> Operation.insert(0, "two "));
    submit("d1", "u1", 2, 2, 3, () -> Operation.insert(0, "three "));
    var name = NameVersionCommand.newBuilder().setDocumentId("d1").setRevision(2).setName("first");
    assertThat(documents.nameVersion(name.build())).isEqualTo(new CommandResult.Applied<>(2L));
    assertThat(documents.nameVersion(name.setRevision(3).build()))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_VERSION_NAME_TAKEN));

    var restore =
        RestoreRevisionCommand.newBuilder()
            .setDocumentId("d1")
            .setUserId("u1")
            .setRevision(2)
            .setClientId("c-u1")
            .setClientSeq(3)
            .build();
    assertThat(documents.restore(restore, 4))
        .isEqualTo(new CommandResult.Applied<>(new EditResult(4, false)));
    assertThat(documents.logIncludingDeleted("d1").head().text()).isEqualTo("two one\n");
  }

  @Test
  void aRestoredPartHasTheSameDocumentsAndLogs() {
    create("d1", "u1", 1, "hello\n");
    submit("d1", "u1", 1, 1, 2, () -> Operation.insert(0, "x"));
    StateSnapshot snapshot =
        StateSnapshot.newBuilder().addAllDocuments(documents.records()).build();

    Documents restored =
        new Documents(this::refuseWrite, "admin"::equals, purged::add, changes::add);
    restored.restore(snapshot);

    assertThat(restored.records()).isEqualTo(documents.records());
    assertThat(restored.meta("d1")).isEqualTo(documents.meta("d1"));
    assertThat(restored.logIncludingDeleted("d1").head().text()).isEqualTo("xhello\n");
  }

  @Test
  void theInitialTextIsTheOwnersRevisionOneButVersionOneCommandsKeepTheirMeaning() {
    create("d2", "ada", 1, "hello\n");
    create("d1", "ada", 1, "hello\n", 1);

    DocumentLog current = documents.logIncludingDeleted("d2");
    assertThat(current.headRevision()).isEqualTo(1);
    assertThat(current.contentAt(0).orElseThrow().text()).isEmpty();
    assertThat(current.contentAt(1).orElseThrow().text()).isEqualTo("hello\n");
    assertThat(current.revisionsAfter(0).orElseThrow())
        .singleElement()
        .satisfies(r -> assertThat(r.author()).isEqualTo("ada"));
    DocumentLog versionOne = documents.logIncludingDeleted("d1");
    assertThat(versionOne.headRevision()).as("a version-1 log replays as it was written").isZero();
    assertThat(versionOne.head().text()).isEqualTo("hello\n");
  }

  @Test
  void aRetainPastTheEndIsRefusedFromVersionTwoAndKeptAsAnEmptyRevisionInVersionOne() {
    create("d1", "u1", 1, "hello\n");
    SubmitOperationCommand retainTen =
        SubmitOperationCommand.newBuilder()
            .setDocumentId("d1")
            .setUserId("u1")
            .setClientId("c-u1")
            .setClientSeq(1)
            .setBaseRevision(1)
            .setOperation(
                dev.raftpad.proto.v1.Operation.newBuilder()
                    .addComponents(
                        dev.raftpad.proto.v1.Component.newBuilder()
                            .setRetain(dev.raftpad.proto.v1.Retain.newBuilder().setCount(10))))
            .build();

    assertThat(documents.submit(retainTen, 2, () -> Operation.IDENTITY, FormatVersion.CURRENT))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_OPERATION_OUT_OF_RANGE));
    assertThat(documents.submit(retainTen, 3, () -> Operation.IDENTITY, 1))
        .as("a version-1 log replays as it was acknowledged")
        .isEqualTo(new CommandResult.Applied<>(new EditResult(2, false)));
  }

  @Test
  void aBlockAttributeOffALineEndIsRefusedFromVersionThreeAndKeptInVersionTwo() {
    create("d1", "u1", 1, "hello\n");
    var heading =
        dev.raftpad.document.op.Attributes.builder()
            .heading(dev.raftpad.document.op.Heading.H2)
            .build();
    SubmitOperationCommand format =
        SubmitOperationCommand.newBuilder()
            .setDocumentId("d1")
            .setUserId("u1")
            .setClientId("c-u1")
            .setClientSeq(1)
            .setBaseRevision(1)
            .build();

    assertThat(
            documents.submit(
                format, 2, () -> Operation.format(0, 6, heading), FormatVersion.CURRENT))
        .isEqualTo(
            new CommandResult.Refused<>(
                ErrorReason.ERROR_REASON_INVALID_FIELD,
                "block attributes (heading, list, quote, code block) go on line ends only; the"
                    + " character at 0 is not one",
                java.util.Map.of("field", "operation", "position", "0")));
    assertThat(documents.submit(format, 3, () -> Operation.format(5, 1, heading), 3))
        .as("on the line end itself it is fine")
        .isEqualTo(new CommandResult.Applied<>(new EditResult(2, false)));
    assertThat(
            documents.submit(
                format.toBuilder().setClientSeq(2).setBaseRevision(2).build(),
                4,
                () -> Operation.format(0, 5, heading),
                2))
        .as("a version-2 log replays as it was acknowledged")
        .isEqualTo(new CommandResult.Applied<>(new EditResult(3, false)));
  }
}
