package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.server.testing.InProcessCluster;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's node on the committed data dir of format version 5 (src/test/resources/data-dir-format-5,
 * see its README): the node a later release must still open. Everything written is there, and the
 * node takes writes and restarts on the mixed log.
 */
class OpenCurrentFormatDataDirTest {
  @TempDir Path root;

  @Test
  void theFormat5DataDirOpensWithEverythingInIt() throws Exception {
    Path from = Path.of(getClass().getResource("/data-dir-format-5/n1").toURI());
    Path to = root.resolve("n1");
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
    InProcessCluster.Settings settings = InProcessCluster.settings(root).withSize(1);
    String notes;
    try (TestCluster cluster = TestCluster.start(settings)) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String grace = login(channel, "grace");
      Map<String, String> texts = texts(channel, grace);
      assertThat(texts)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("Team notes", "Grace: Hello\nAda: hi\n", "Grace's list", "milk\neggs\n"));
      notes = idOf(channel, grace, "Team notes");
      var unused =
          withToken(EditServiceGrpc.newBlockingStub(channel), grace)
              .submitOperation(
                  SubmitOperationRequest.newBuilder()
                      .setDocumentId(notes)
                      .setClientId("after-open")
                      .setClientSeq(1)
                      .setBaseRevision(2)
                      .setOperation(OperationCodec.toWire(Operation.insert(0, "!")))
                      .build());
    }
    try (TestCluster again = TestCluster.start(settings)) {
      ManagedChannel channel = again.channel(again.leaderId());
      String ada = login(channel, "ada");
      assertThat(texts(channel, ada)).containsEntry("Team notes", "!Grace: Hello\nAda: hi\n");
    }
  }

  private static String login(ManagedChannel channel, String name) {
    return AccountServiceGrpc.newBlockingStub(channel)
        .login(LoginRequest.newBuilder().setUsername(name).setPassword("password-" + name).build())
        .getToken();
  }

  private static String idOf(ManagedChannel channel, String token, String title) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .listDocuments(ListDocumentsRequest.getDefaultInstance())
        .getDocumentsList()
        .stream()
        .filter(d -> d.getTitle().equals(title))
        .findFirst()
        .orElseThrow()
        .getDocumentId();
  }

  private static Map<String, String> texts(ManagedChannel channel, String token) {
    var documents = withToken(DocumentServiceGrpc.newBlockingStub(channel), token);
    return documents
        .listDocuments(ListDocumentsRequest.getDefaultInstance())
        .getDocumentsList()
        .stream()
        .collect(
            Collectors.toMap(
                DocumentInfo::getTitle,
                d ->
                    dev.raftpad.document.text.Document.fromContent(
                            OperationCodec.fromWire(
                                documents
                                    .getDocument(
                                        GetDocumentRequest.newBuilder()
                                            .setDocumentId(d.getDocumentId())
                                            .build())
                                    .getContent(),
                                "content"))
                        .text()));
  }
}
