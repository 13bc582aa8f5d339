package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.SetLinkAccessRequest;
import dev.raftpad.proto.v1.SharingServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.server.testing.InProcessCluster;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's node on a data dir written by format version 3 (src/test/resources/data-dir-format-3, see
 * its README): everything is there, the old documents stay open to every signed-in user as editors
 * until their owners restrict them, new documents are private, and the mixed log restarts the same.
 */
class UpgradeFromFormat3Test {
  @TempDir Path root;

  private static void copyFixture(Path to) throws Exception {
    Path from;
    try {
      from = Path.of(UpgradeFromFormat3Test.class.getResource("/data-dir-format-3/n1").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static String login(ManagedChannel channel, String name) {
    return AccountServiceGrpc.newBlockingStub(channel)
        .login(LoginRequest.newBuilder().setUsername(name).setPassword("password-" + name).build())
        .getToken();
  }

  private static List<DocumentInfo> list(ManagedChannel channel, String token) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .listDocuments(ListDocumentsRequest.getDefaultInstance())
        .getDocumentsList();
  }

  private static String text(ManagedChannel channel, String token, String id) {
    var content =
        withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(id).build())
            .getContent();
    return dev.raftpad.document.text.Document.fromContent(
            OperationCodec.fromWire(content, "content"))
        .text();
  }

  @Test
  void aFormat3DataDirKeepsEverythingAndItsDocumentsStayOpenUntilTheirOwnersSayOtherwise()
      throws Exception {
    copyFixture(root.resolve("n1"));
    InProcessCluster.Settings settings = InProcessCluster.settings(root).withSize(1);
    String notes;
    try (TestCluster cluster = TestCluster.start(settings)) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = login(channel, "ada");
      String grace = login(channel, "grace");
      String newcomer = registerAndLogin(channel, "newcomer");

      List<DocumentInfo> adas = list(channel, ada);
      assertThat(adas)
          .extracting(DocumentInfo::getTitle, DocumentInfo::getYourRole, DocumentInfo::getLinkRole)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  "Team notes",
                  DocumentRole.DOCUMENT_ROLE_OWNER,
                  DocumentRole.DOCUMENT_ROLE_EDITOR),
              org.assertj.core.groups.Tuple.tuple(
                  "Grace's list",
                  DocumentRole.DOCUMENT_ROLE_EDITOR,
                  DocumentRole.DOCUMENT_ROLE_EDITOR));
      notes =
          adas.stream()
              .filter(d -> d.getTitle().equals("Team notes"))
              .findFirst()
              .orElseThrow()
              .getDocumentId();
      assertThat(text(channel, newcomer, notes)).isEqualTo("Grace: Hello\nAda: hi\n");
      assertThat(list(channel, newcomer)).as("anyone signed in, as before").hasSize(2);
      withToken(EditServiceGrpc.newBlockingStub(channel), grace)
          .submitOperation(
              SubmitOperationRequest.newBuilder()
                  .setDocumentId(notes)
                  .setClientId("grace-after-upgrade")
                  .setClientSeq(1)
                  .setBaseRevision(3)
                  .setOperation(OperationCodec.toWire(Operation.insert(0, "!")))
                  .build());

      // Ada restricts her document; a new document is private from the start.
      withToken(SharingServiceGrpc.newBlockingStub(channel), ada)
          .setLinkAccess(SetLinkAccessRequest.newBuilder().setDocumentId(notes).build());
      String fresh =
          withToken(DocumentServiceGrpc.newBlockingStub(channel), ada)
              .createDocument(
                  CreateDocumentRequest.newBuilder().setTitle("After the upgrade").build())
              .getDocument()
              .getDocumentId();
      assertThat(list(channel, grace))
          .extracting(DocumentInfo::getTitle)
          .containsExactly("Grace's list");
      assertThat(list(channel, ada)).extracting(DocumentInfo::getDocumentId).contains(fresh);

      // The log now mixes format 3 and 4; a restart replays it to the same state.
      cluster.stopNode("n1");
      cluster.startNode("n1");
      cluster.leaderId();
      ManagedChannel again = cluster.channel(cluster.leaderId());
      StatusRuntimeException refused =
          catchThrowableOfType(StatusRuntimeException.class, () -> text(again, grace, notes));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(detail(refused, ErrorInfo.class).getReason()).isEqualTo("NOT_ALLOWED");
      assertThat(text(again, ada, notes)).isEqualTo("!Grace: Hello\nAda: hi\n");
    }
  }
}
