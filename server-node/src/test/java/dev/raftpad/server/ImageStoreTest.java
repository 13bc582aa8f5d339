package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AddImageRequest;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetImageRequest;
import dev.raftpad.proto.v1.GetImageResponse;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.server.api.ImageLimits;
import dev.raftpad.server.testing.TestImages;
import dev.raftpad.testkit.Await;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.awt.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents' image stores (issue 22) through real gRPC on a three-node cluster: add and read back,
 * the limits and checks, edits that name images, and images in snapshots across a restart.
 */
class ImageStoreTest {
  private static final byte[] PNG = TestImages.png(3, 2, Color.BLUE);

  @TempDir Path root;
  private TestCluster cluster;
  private ManagedChannel leader;
  private DocumentServiceGrpc.DocumentServiceBlockingStub docs;
  private EditServiceGrpc.EditServiceBlockingStub edits;
  private String docId;
  private String ada;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
    leader = cluster.channel(cluster.leaderId());
    ada = registerAndLogin(leader, "ada");
    docs = withToken(DocumentServiceGrpc.newBlockingStub(leader), ada);
    edits = withToken(EditServiceGrpc.newBlockingStub(leader), ada);
    docId =
        docs.createDocument(
                CreateDocumentRequest.newBuilder()
                    .setTitle("Pictures")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "ab\n")))
                    .build())
            .getDocument()
            .getDocumentId();
    // A leader adds images only once it has heard every member speak this version (ADR 0017).
    Await.until("the leader has heard from every member", () -> tryAdd(PNG) != null);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  /** Adds {@link #PNG}'s kind of image; null while the leader waits to hear from a member. */
  private String tryAdd(byte[] png) {
    try {
      return add("image/png", png);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
        return null;
      }
      throw e;
    }
  }

  private String add(String mediaType, byte[] bytes) {
    return docs.addImage(
            AddImageRequest.newBuilder()
                .setDocumentId(docId)
                .setMediaType(mediaType)
                .setData(ByteString.copyFrom(bytes))
                .build())
        .getImageId();
  }

  private GetImageResponse get(DocumentServiceGrpc.DocumentServiceBlockingStub from, String id) {
    return from.getImage(
        GetImageRequest.newBuilder()
            .setDocumentId(docId)
            .setImageId(id)
            .setAllowStale(true)
            .build());
  }

  private long submit(long seq, long base, Operation operation) {
    return edits
        .submitOperation(
            SubmitOperationRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId("images")
                .setClientSeq(seq)
                .setBaseRevision(base)
                .setOperation(OperationCodec.toWire(operation))
                .build())
        .getRevision();
  }

  private static Operation imageAt(int position, String id) {
    return Operation.insert(position, Images.CHARACTER, Attributes.builder().image(id).build());
  }

  private static void assertRefused(
      StatusRuntimeException refused, Status.Code code, String reason, String messagePart)
      throws Exception {
    assertThat(refused.getStatus().getCode()).isEqualTo(code);
    assertThat(detail(refused, ErrorInfo.class).getReason()).isEqualTo(reason);
    assertThat(refused.getStatus().getDescription()).contains(messagePart);
  }

  @Test
  void anImageIsAddedReadBackAndInsertedAndTheSameBytesGiveTheSameId() {
    String id = add("image/png", PNG);

    assertThat(id).isEqualTo(ImageBytes.idOf(PNG)).matches("[0-9a-f]{64}");
    assertThat(add("image/png", PNG)).as("the same bytes, the same id").isEqualTo(id);
    GetImageResponse read = get(docs, id);
    assertThat(read.getMediaType()).isEqualTo("image/png");
    assertThat(read.getData().toByteArray()).isEqualTo(PNG);
    byte[] jpeg = TestImages.jpeg(4, 4, Color.GREEN);
    assertThat(get(docs, add("image/jpeg", jpeg)).getData().toByteArray()).isEqualTo(jpeg);

    long revision = submit(1, 1, imageAt(1, id));

    var content =
        OperationCodec.fromWire(
            docs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build())
                .getContent(),
            "content");
    assertThat(revision).isEqualTo(2);
    assertThat(content)
        .isEqualTo(
            Operation.builder()
                .insert("a")
                .insert(Images.CHARACTER, Attributes.builder().image(id).build())
                .insert("b\n")
                .build());
  }

  @Test
  void anImageOverTheLimitNotAnImageOrOfAnotherTypeIsRefusedAndNothingIsStored() throws Exception {
    long limit = ImageLimits.DEFAULT.perImage();
    byte[] tooBig = TestImages.pngOfSize((int) limit + 1);
    byte[] notAnImage =
        "<svg>not one of ours</svg>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] jpeg = TestImages.jpeg(2, 2, Color.RED);

    assertRefused(
        catchThrowableOfType(StatusRuntimeException.class, () -> add("image/png", tooBig)),
        Status.Code.INVALID_ARGUMENT,
        "TOO_LARGE",
        "the image is " + (limit + 1) + " bytes; an image may be at most " + limit + " bytes");
    assertRefused(
        catchThrowableOfType(StatusRuntimeException.class, () -> add("image/png", notAnImage)),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_FIELD",
        "is not a PNG, JPEG or GIF image");
    assertRefused(
        catchThrowableOfType(StatusRuntimeException.class, () -> add("image/png", jpeg)),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_FIELD",
        "the bytes are image/jpeg, not image/png");
    assertRefused(
        catchThrowableOfType(StatusRuntimeException.class, () -> add("image/svg+xml", PNG)),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_FIELD",
        "image/png, image/jpeg, image/gif");

    for (byte[] refused : new byte[][] {tooBig, notAnImage, jpeg}) {
      assertRefused(
          catchThrowableOfType(
              StatusRuntimeException.class, () -> get(docs, ImageBytes.idOf(refused))),
          Status.Code.NOT_FOUND,
          "IMAGE_NOT_FOUND",
          "no image");
    }
  }

  @Test
  void editsWithAnUnknownImageAnImageOnOtherTextOrAnImageChangeOnARetainAreRefused()
      throws Exception {
    String id = add("image/png", PNG);
    String unknown = ImageBytes.idOf(TestImages.png(1, 1, Color.BLACK));

    assertRefused(
        catchThrowableOfType(StatusRuntimeException.class, () -> submit(1, 1, imageAt(0, unknown))),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_FIELD",
        "no image " + unknown + " in this document");
    assertRefused(
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> submit(2, 1, Operation.insert(0, "x", Attributes.builder().image(id).build()))),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_FIELD",
        "an image goes on the character U+FFFC only");
    assertRefused(
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> submit(3, 1, Operation.format(0, 1, Attributes.builder().image(id).build()))),
        Status.Code.INVALID_ARGUMENT,
        "INVALID_FIELD",
        "a retain may not set, change or remove an image");

    var head = docs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(head.getRevision()).as("nothing was applied").isEqualTo(1);
    // A U+FFFC without an image is an ordinary character (pasted text may hold one).
    assertThat(submit(4, 1, Operation.insert(0, Images.CHARACTER))).isEqualTo(2);
  }

  @Test
  void imagesSurviveSnapshotsAndARestartFromTheDataDir() throws Exception {
    String id = add("image/png", PNG);
    assertThat(submit(1, 1, imageAt(0, id))).isEqualTo(2);
    for (int i = 2; i <= 35; i++) { // past the fixture's snapshot every 30 entries
      submit(i, i, Operation.insert(0, "x"));
    }
    String follower = cluster.aFollowerId();
    Await.until(
        follower + " took a snapshot",
        () -> cluster.fixture.node(follower).raft().status().snapshotIndex() > 0);

    cluster.stopNode(follower);
    cluster.startNode(follower);

    var adaAtFollower =
        withToken(DocumentServiceGrpc.newBlockingStub(cluster.channel(follower)), ada);
    Await.until(
        "the restarted " + follower + " serves the image from its own state",
        () -> {
          try {
            return java.util.Arrays.equals(get(adaAtFollower, id).getData().toByteArray(), PNG);
          } catch (StatusRuntimeException notYet) {
            return false;
          }
        });
    assertThat(cluster.fixture.node(follower).raft().status().snapshotIndex())
        .as("restored from its snapshot")
        .isPositive();
  }
}
