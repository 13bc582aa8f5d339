package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftpad docs add-image DOC FILE}: adds a PNG, JPEG or GIF to the document's image store
 * and inserts it at the end of the text (before its last line end), as one edit.
 */
@Command(name = "add-image", description = "Add a PNG, JPEG or GIF image at the end of a document.")
final class AddImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = DocumentRefs.DESCRIPTION)
  String document;

  @Parameters(index = "1", paramLabel = "FILE", description = "the image file")
  Path file;

  /** What the command prints (or, with --json, its fields). */
  record Added(String documentId, String imageId, long revision) {}

  @Override
  public Integer call() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String mediaType =
        ImageBytes.mediaTypeOf(bytes)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(), file + " is not a PNG, JPEG or GIF image"));
    RaftpadCli cli = RaftpadCli.of(spec);
    RaftpadClient client = cli.signedIn();
    String documentId = cli.document(document);
    String imageId = client.images().add(documentId, mediaType, bytes);
    DocumentSnapshot head = client.documents().get(documentId);
    String text = head.content().text();
    int length = head.content().length();
    int at = text.endsWith("\n") ? length - 1 : length;
    long revision =
        client
            .edits()
            .submit(
                documentId,
                "cli-image-" + UUID.randomUUID(),
                1,
                head.revision(),
                Operation.insert(at, Images.CHARACTER, Attributes.builder().image(imageId).build()))
            .revision();
    cli.output()
        .print(
            new Added(documentId, imageId, revision),
            added -> "added image " + added.imageId() + " (revision " + added.revision() + ")");
    return ExitCodes.OK;
  }
}
