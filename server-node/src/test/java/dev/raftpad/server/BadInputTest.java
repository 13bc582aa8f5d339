package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.Component;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad edits, each answered with the right status, and the document untouched afterwards. */
class BadInputTest {
  @TempDir Path root;
  private TestCluster cluster;
  private DocumentServiceGrpc.DocumentServiceBlockingStub docs;
  private EditServiceGrpc.EditServiceBlockingStub edits;
  private String docId;
  private GetDocumentResponse before;
  private ManagedChannel channel;
  private String token;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 1, "");
    channel = cluster.channel(cluster.leaderId());
    token = registerAndLogin(channel, "ada");
    docs = withToken(DocumentServiceGrpc.newBlockingStub(channel), token);
    edits = withToken(EditServiceGrpc.newBlockingStub(channel), token);
    docId =
        docs.createDocument(
                CreateDocumentRequest.newBuilder()
                    .setTitle("Guarded")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hello")))
                    .build())
            .getDocument()
            .getDocumentId();
    before = docs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
  }

  @AfterEach
  void documentIsUntouchedAndClusterStops() throws Exception {
    var after = docs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(after.getRevision()).isEqualTo(before.getRevision());
    assertThat(after.getContent()).isEqualTo(before.getContent());
    cluster.close();
  }

  private StatusRuntimeException submit(dev.raftpad.proto.v1.Operation operation) {
    return submit(0, operation);
  }

  private StatusRuntimeException submit(
      long baseRevision, dev.raftpad.proto.v1.Operation operation) {
    return catchThrowableOfType(
        StatusRuntimeException.class,
        () ->
            edits.submitOperation(
                SubmitOperationRequest.newBuilder()
                    .setDocumentId(docId)
                    .setClientId("bad-client")
                    .setClientSeq(1)
                    .setBaseRevision(baseRevision)
                    .setOperation(operation)
                    .build()));
  }

  @Test
  void anOperationBeyondTheDocumentsEndIsOutOfRange() throws Exception {
    StatusRuntimeException e = submit(OperationCodec.toWire(Operation.delete(3, 10)));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("OPERATION_OUT_OF_RANGE");
  }

  @Test
  void aRetainPastTheEndIsOutOfRangeThoughCanonicalFormWouldDropIt() throws Exception {
    var retainPastTheEnd =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(
                Component.newBuilder()
                    .setRetain(dev.raftpad.proto.v1.Retain.newBuilder().setCount(10)))
            .build();

    StatusRuntimeException e = submit(before.getRevision(), retainPastTheEnd);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("OPERATION_OUT_OF_RANGE");
  }

  @Test
  void aMalformedOperationIsAnInvalidArgumentNamingTheField() throws Exception {
    var empty =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.getDefaultInstance()) // a component of no kind
            .build();

    StatusRuntimeException e = submit(empty);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("INVALID_FIELD");
  }

  @Test
  void aBlockAttributeOnAnythingButALineEndIsInvalid() throws Exception {
    var heading =
        dev.raftpad.document.op.Attributes.builder()
            .heading(dev.raftpad.document.op.Heading.H1)
            .build();

    StatusRuntimeException retained =
        submit(before.getRevision(), OperationCodec.toWire(Operation.format(1, 2, heading)));
    StatusRuntimeException inserted =
        submit(
            before.getRevision(), OperationCodec.toWire(Operation.insert(0, "Title\n", heading)));

    for (StatusRuntimeException e : List.of(retained, inserted)) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("INVALID_FIELD");
      assertThat(detail(e, ErrorInfo.class).getMetadataMap()).containsEntry("field", "operation");
    }
    assertThat(detail(retained, ErrorInfo.class).getMetadataMap()).containsEntry("position", "1");
    assertThat(detail(inserted, ErrorInfo.class).getMetadataMap()).containsEntry("position", "0");
  }

  @Test
  void formattingValuesOutsideTheirSetsAreInvalidWithAMessageNamingTheAllowedValues()
      throws Exception {
    var bad =
        List.of(
            dev.raftpad.proto.v1.Attributes.newBuilder().setFontFamily("Comic Sans"),
            dev.raftpad.proto.v1.Attributes.newBuilder().setFontSize(13),
            dev.raftpad.proto.v1.Attributes.newBuilder().setFontSize(-1), // 4294967295 as uint32
            dev.raftpad.proto.v1.Attributes.newBuilder().setHighlight("url(evil)"),
            dev.raftpad.proto.v1.Attributes.newBuilder().setIndent(9),
            dev.raftpad.proto.v1.Attributes.newBuilder().setAlignValue(42),
            dev.raftpad.proto.v1.Attributes.newBuilder().setLineSpacingValue(42),
            dev.raftpad.proto.v1.Attributes.newBuilder().setListValue(42));
    List<String> expected =
        List.of(
            "fontFamily must be one of [sans-serif, serif, monospace], not Comic Sans",
            "fontSize must be one of [8, 9, 10, 11, 12, 14, 16, 18, 24, 30, 36] points, not 13",
            "not 4294967295",
            "highlight must be #rrggbb, not url(evil)",
            "indent must be 0 to 8, not 9",
            "unknown alignment",
            "unknown line spacing",
            "unknown list kind");

    for (int i = 0; i < bad.size(); i++) {
      var retainWithBadValue =
          dev.raftpad.proto.v1.Operation.newBuilder()
              .addComponents(
                  Component.newBuilder()
                      .setRetain(
                          dev.raftpad.proto.v1.Retain.newBuilder()
                              .setCount(2)
                              .setAttributes(bad.get(i))))
              .build();

      StatusRuntimeException e = submit(before.getRevision(), retainWithBadValue);

      assertThat(e.getStatus().getCode())
          .as(expected.get(i))
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("INVALID_FIELD");
      assertThat(e.getStatus().getDescription()).contains(expected.get(i));
    }
  }

  @Test
  void anOperationInsertingTooMuchIsTooLarge() throws Exception {
    StatusRuntimeException e =
        submit(OperationCodec.toWire(Operation.insert(0, "x".repeat(100_001))));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("TOO_LARGE");
    assertThat(detail(e, ErrorInfo.class).getMetadataMap())
        .containsEntry("limit", "100000")
        .containsEntry("actual", "100001");
  }

  @Test
  void aMessageOverTheSizeLimitIsRefusedBeforeItIsRead() {
    StatusRuntimeException e =
        submit(OperationCodec.toWire(Operation.insert(0, "y".repeat(9 * 1024 * 1024))));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  private StatusRuntimeException create(dev.raftpad.proto.v1.Operation initialContent) {
    return catchThrowableOfType(
        StatusRuntimeException.class,
        () ->
            docs.createDocument(
                CreateDocumentRequest.newBuilder()
                    .setTitle("Refused")
                    .setInitialContent(initialContent)
                    .build()));
  }

  private int documentCount() {
    return docs.listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsCount();
  }

  @Test
  void initialContentThatRetainsIsInvalidAndCreatesNothing() throws Exception {
    int before = documentCount();
    var retainThree =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(
                Component.newBuilder()
                    .setRetain(dev.raftpad.proto.v1.Retain.newBuilder().setCount(3)))
            .build();

    StatusRuntimeException e = create(retainThree);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(e, ErrorInfo.class).getMetadataMap())
        .containsEntry("field", "initial_content");
    assertThat(documentCount()).isEqualTo(before);
  }

  @Test
  void initialContentOverTheOperationLimitIsTooLargeAndCreatesNothing() throws Exception {
    int before = documentCount();

    StatusRuntimeException e =
        create(OperationCodec.toWire(Operation.insert(0, "z".repeat(100_001))));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("TOO_LARGE");
    assertThat(detail(e, ErrorInfo.class).getMetadataMap()).containsEntry("limit", "100000");
    assertThat(documentCount()).isEqualTo(before);
  }

  @Test
  void aLeaseThatIsNotAWellFormedDurationIsInvalidAndTakesNoLock() throws Exception {
    var locks = withToken(dev.raftpad.proto.v1.LockServiceGrpc.newBlockingStub(channel), token);
    for (var lease :
        List.of(
            com.google.protobuf.Duration.newBuilder().setSeconds(60).setNanos(-5).build(),
            com.google.protobuf.Duration.newBuilder()
                .setSeconds(60)
                .setNanos(2_000_000_000)
                .build(),
            com.google.protobuf.Duration.newBuilder().setSeconds(Long.MAX_VALUE / 1000 + 7).build(),
            com.google.protobuf.Duration.newBuilder().setSeconds(-60).build())) {
      StatusRuntimeException e =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  locks.lock(
                      dev.raftpad.proto.v1.LockRequest.newBuilder()
                          .setDocumentId(docId)
                          .setLease(lease)
                          .build()));

      assertThat(e.getStatus().getCode())
          .as(lease.toString())
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(detail(e, ErrorInfo.class).getMetadataMap().get("field")).startsWith("lease");
    }
    assertThat(
            docs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build())
                .getDocument()
                .hasLock())
        .isFalse();
  }
}
