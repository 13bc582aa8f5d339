package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.server.testing.InProcessCluster;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the data-dir fixture of the current disk format (see
 * src/test/resources/data-dir-format-5/README.md): not a test, skipped unless {@code
 * -Dfixture.out=DIR} names where to put it. The fixture is written once per format version and then
 * never again: written by newer code it would prove nothing about upgrades.
 */
class CurrentFormatFixtureWriter {
  @TempDir Path root;

  @Test
  @EnabledIfSystemProperty(named = "fixture.out", matches = ".+")
  void write() throws Exception {
    Path out = Path.of(System.getProperty("fixture.out"));
    if (Files.exists(out)) {
      throw new IllegalStateException(out + " exists; a fixture is never regenerated");
    }
    try (TestCluster cluster =
        TestCluster.start(InProcessCluster.settings(root).withSize(1).withSnapshotEvery(8))) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada");
      String grace = registerAndLogin(channel, "grace");
      String notes = create(channel, ada, "Team notes", "Ada: hi\n");
      TestCluster.share(channel, ada, notes, "grace", DocumentRole.DOCUMENT_ROLE_EDITOR);
      edit(channel, grace, notes, "grace", 1, Operation.insert(0, "Grace: Hello\n"));
      String list = create(channel, grace, "Grace's list", "milk\n");
      edit(channel, grace, list, "grace", 2, Operation.insert(5, "eggs\n"));
    }
    Path from = root.resolve("n1");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().equals("LOCK")) {
          continue; // held while a node runs; a copy must not carry it
        }
        Path target = out.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static String create(ManagedChannel channel, String token, String title, String text) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .createDocument(
            CreateDocumentRequest.newBuilder()
                .setTitle(title)
                .setInitialContent(OperationCodec.toWire(Operation.insert(0, text)))
                .build())
        .getDocument()
        .getDocumentId();
  }

  private static void edit(
      ManagedChannel channel,
      String token,
      String document,
      String client,
      long seq,
      Operation op) {
    var unused =
        withToken(EditServiceGrpc.newBlockingStub(channel), token)
            .submitOperation(
                SubmitOperationRequest.newBuilder()
                    .setDocumentId(document)
                    .setClientId(client)
                    .setClientSeq(seq)
                    .setBaseRevision(1) // revision 1 is the initial content
                    .setOperation(OperationCodec.toWire(op))
                    .build());
  }
}
