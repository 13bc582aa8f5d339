package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.desktop.export.DocumentPictures;
import dev.raftpad.document.op.ImagePlacement;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The images of pasted content, put into this document's image store before the content that names
 * them: the server takes an image character only for an image its store has. The bytes come with
 * the paste (HTML's data URIs) or from the document the passage was copied from (a copy inside
 * Raftpad names its images by id). Uploads run off the FX thread through {@link ImageUpload}; an
 * image that cannot be added (too large, unreadable, its source gone) is left out with one notice,
 * and the rest of the paste still goes in, as one edit.
 */
public final class PastedImages {
  private PastedImages() {}

  /**
   * What is pasted.
   *
   * @param content inserts only
   * @param pictures the bytes of images the paste carries (HTML's data URIs)
   * @param copiedFrom the document whose store holds the images the paste names without bytes
   */
  public record Paste(Operation content, DocumentPictures pictures, Optional<String> copiedFrom) {}

  /** The content to insert, the images added for it, and why others were left out. */
  private record Prepared(
      Operation content, Map<String, ImageSource.ImageData> added, List<String> problems) {}

  /**
   * Hands {@code insert} the content once its images are in {@code model}'s document store: at once
   * when none need adding (no images, or copied from this very document), else on the UI executor
   * after the uploads, without the images that could not be added.
   */
  public static void prepare(EditorViewModel model, Paste paste, Consumer<Operation> insert) {
    String target = model.documentId();
    Set<String> ids = ImagePlacement.inserted(paste.content());
    if (ids.isEmpty() || paste.copiedFrom().filter(target::equals).isPresent()) {
      insert.accept(paste.content());
      return;
    }
    RaftpadClient client = model.client();
    model
        .threads()
        .call(
            () -> upload(client, target, paste, ids),
            prepared -> {
              prepared.added().forEach(model.images()::remember);
              if (!prepared.problems().isEmpty()) {
                model
                    .notices()
                    .accept(
                        Notice.warning(
                            prepared.problems().size() == 1
                                ? "Image not pasted"
                                : prepared.problems().size() + " images not pasted",
                            String.join(" ", prepared.problems()) + " The rest was pasted."));
              }
              insert.accept(prepared.content());
            },
            // upload answers every refusal itself: only a bug gets here.
            failure ->
                model.notices().accept(Notice.error("Not pasted", Problems.describe(failure))));
  }

  /** Blocking: adds each image to {@code target}'s store, or says why it could not. */
  private static Prepared upload(
      RaftpadClient client, String target, Paste paste, Set<String> ids) {
    Map<String, ImageSource.ImageData> added = new LinkedHashMap<>();
    Set<String> leftOut = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (String id : ids) {
      String problem;
      try {
        ImageUpload.Outcome outcome =
            ImageUpload.run(client, target, "A pasted image", bytesOf(client, paste, id));
        if (outcome instanceof ImageUpload.Added a && a.imageId().equals(id)) {
          added.put(id, a.data());
          continue;
        }
        // The id is the SHA-256 of the bytes on both sides: another id would be other bytes.
        problem =
            outcome instanceof ImageUpload.Refused r
                ? r.reason()
                : "A pasted image changed on its way to the cluster.";
      } catch (RaftpadException e) {
        // Refused, or the cluster is away (offline): the image is left out, the text goes in.
        problem = Problems.describe(e);
      }
      leftOut.add(id);
      problems.add(problem);
    }
    return new Prepared(without(paste.content(), leftOut), added, problems);
  }

  /** The image's bytes: carried by the paste, else read from the document it was copied from. */
  private static ImageUpload.Bytes bytesOf(RaftpadClient client, Paste paste, String id) {
    var carried = paste.pictures().get(id);
    if (carried.isPresent()) {
      byte[] bytes = carried.get().bytes();
      return () -> bytes;
    }
    String source =
        paste
            .copiedFrom()
            .orElseThrow(
                () ->
                    new RaftpadException(
                        RaftpadException.Reason.IMAGE_NOT_FOUND, "no bytes for image " + id));
    byte[] bytes = client.images().get(source, id).bytes();
    return () -> bytes;
  }

  /** {@code content} without the images {@code leftOut} names. */
  static Operation without(Operation content, Set<String> leftOut) {
    if (leftOut.isEmpty()) {
      return content;
    }
    OperationBuilder out = Operation.builder();
    for (var component : content.components()) {
      if (component instanceof Insert insert && !leftOut.contains(insert.attributes().image())) {
        out.insert(insert.text(), insert.attributes());
      }
    }
    return out.build();
  }
}
