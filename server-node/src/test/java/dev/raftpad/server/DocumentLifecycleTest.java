package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DeleteDocumentRequest;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.UndeleteDocumentRequest;
import dev.raftpad.server.state.CollabState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing in pages, the trash (delete, undelete, purge time) and stale reads, over gRPC. */
class DocumentLifecycleTest {
  @TempDir Path root;
  private TestCluster cluster;
  private ManagedChannel leader;
  private String ada;
  private DocumentServiceGrpc.DocumentServiceBlockingStub adaDocs;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
    leader = cluster.channel(cluster.leaderId());
    ada = registerAndLogin(leader, "ada");
    adaDocs = withToken(DocumentServiceGrpc.newBlockingStub(leader), ada);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private String create(DocumentServiceGrpc.DocumentServiceBlockingStub docs, String title) {
    return docs.createDocument(
            CreateDocumentRequest.newBuilder()
                .setTitle(title)
                .setInitialContent(OperationCodec.toWire(Operation.insert(0, title + " text")))
                .build())
        .getDocument()
        .getDocumentId();
  }

  @Test
  void theListPagesThroughEveryDocumentExactlyOnceInIdOrder() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create(adaDocs, "doc " + i));
    }

    List<String> listed = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      var page =
          adaDocs.listDocuments(
              ListDocumentsRequest.newBuilder().setPageSize(3).setPageToken(token).build());
      page.getDocumentsList().forEach(d -> listed.add(d.getDocumentId()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(listed).containsExactlyElementsOf(created.stream().sorted().toList());
    DocumentInfo first =
        adaDocs.listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocuments(0);
    assertThat(first.getOwner().getUsername()).isEqualTo("ada");
    assertThat(first.hasLock()).isFalse();
  }

  @Test
  void badPageSizesAndForeignPageTokensAreRefused() throws Exception {
    StatusRuntimeException tooBig =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                adaDocs.listDocuments(ListDocumentsRequest.newBuilder().setPageSize(5000).build()));
    assertThat(tooBig.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(tooBig, ErrorInfo.class).getMetadataMap())
        .containsEntry("field", "page_size");

    StatusRuntimeException forged =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                adaDocs.listDocuments(
                    ListDocumentsRequest.newBuilder().setPageToken("%%not base64%%").build()));
    assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(forged, ErrorInfo.class).getMetadataMap())
        .containsEntry("field", "page_token");
  }

  @Test
  void aDeletedDocumentWaitsInTheTrashAndComesBackWithItsContent() throws Exception {
    String docId = create(adaDocs, "Keep");
    String grace = registerAndLogin(leader, "grace");
    var graceDocs = withToken(DocumentServiceGrpc.newBlockingStub(leader), grace);

    DocumentInfo deleted =
        adaDocs
            .deleteDocument(DeleteDocumentRequest.newBuilder().setDocumentId(docId).build())
            .getDocument();
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(deleted.getPurgeAt().getSeconds() - deleted.getUpdatedAt().getSeconds())
        .isEqualTo(CollabState.TRASH_RETENTION_MILLIS / 1000);
    assertThat(adaDocs.listDocuments(ListDocumentsRequest.getDefaultInstance()).getDocumentsList())
        .isEmpty();
    assertThat(
            adaDocs
                .listDocuments(ListDocumentsRequest.newBuilder().setIncludeDeleted(true).build())
                .getDocumentsList())
        .extracting(DocumentInfo::getDocumentId)
        .containsExactly(docId);

    StatusRuntimeException notOwner =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                graceDocs.undeleteDocument(
                    UndeleteDocumentRequest.newBuilder().setDocumentId(docId).build()));
    assertThat(notOwner.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

    DocumentInfo restored =
        adaDocs
            .undeleteDocument(UndeleteDocumentRequest.newBuilder().setDocumentId(docId).build())
            .getDocument();
    assertThat(restored.getDeleted()).isFalse();
    assertThat(restored.hasPurgeAt()).isFalse();
    // Undelete is idempotent: a retry after a lost answer changes nothing.
    assertThat(
            adaDocs
                .undeleteDocument(UndeleteDocumentRequest.newBuilder().setDocumentId(docId).build())
                .getDocument()
                .getDeleted())
        .isFalse();
    var content = adaDocs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(OperationCodec.fromWire(content.getContent(), "content"))
        .isEqualTo(Operation.insert(0, "Keep text"));

    StatusRuntimeException unknown =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                adaDocs.undeleteDocument(
                    UndeleteDocumentRequest.newBuilder().setDocumentId("no-such-doc").build()));
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void aFollowerAnswersStaleReadsFromItsOwnState() {
    String docId = create(adaDocs, "Everywhere");
    var followerDocs =
        withToken(DocumentServiceGrpc.newBlockingStub(cluster.channel(cluster.aFollowerId())), ada);

    // A stale read may lag, so wait for the follower to apply the login (until then it sends the
    // caller to the leader) and the create; then it must agree.
    List<DocumentInfo> seen =
        dev.raftpad.testkit.Await.value(
            "the follower lists the document",
            () -> {
              try {
                var listed =
                    followerDocs
                        .listDocuments(
                            ListDocumentsRequest.newBuilder().setAllowStale(true).build())
                        .getDocumentsList();
                return listed.isEmpty() ? null : listed;
              } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                  throw e;
                }
                return null; // it has not applied the login yet
              }
            });
    assertThat(seen).extracting(DocumentInfo::getDocumentId).containsExactly(docId);
    var read =
        followerDocs.getDocument(
            GetDocumentRequest.newBuilder().setDocumentId(docId).setAllowStale(true).build());
    assertThat(OperationCodec.fromWire(read.getContent(), "content"))
        .isEqualTo(Operation.insert(0, "Everywhere text"));
  }

  @Test
  void anInfoOnlyReadAnswersTheMetadataAtHeadWithoutTheContent() throws Exception {
    String docId = create(adaDocs, "Metadata");
    GetDocumentResponse whole =
        adaDocs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());

    GetDocumentResponse info =
        adaDocs.getDocument(
            GetDocumentRequest.newBuilder().setDocumentId(docId).setInfoOnly(true).build());

    assertThat(info.getDocument()).isEqualTo(whole.getDocument());
    assertThat(info.getRevision()).isEqualTo(whole.getRevision());
    assertThat(info.getDocument().getLength()).isEqualTo("Metadata text".length());
    assertThat(info.hasContent()).as("no content").isFalse();
    assertThat(info.hasReview()).as("no review").isFalse();
    assertThat(whole.hasContent()).isTrue();

    StatusRuntimeException withRevision =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                adaDocs.getDocument(
                    GetDocumentRequest.newBuilder()
                        .setDocumentId(docId)
                        .setInfoOnly(true)
                        .setRevision(1)
                        .build()));
    assertThat(withRevision.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(withRevision, ErrorInfo.class).getMetadataMap())
        .containsEntry("field", "revision");

    String grace = registerAndLogin(leader, "grace");
    StatusRuntimeException notShared =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(DocumentServiceGrpc.newBlockingStub(leader), grace)
                    .getDocument(
                        GetDocumentRequest.newBuilder()
                            .setDocumentId(docId)
                            .setInfoOnly(true)
                            .build()));
    assertThat(notShared.getStatus().getCode())
        .as("metadata is read with the same permission as the content")
        .isIn(Status.Code.PERMISSION_DENIED, Status.Code.NOT_FOUND);
  }
}
