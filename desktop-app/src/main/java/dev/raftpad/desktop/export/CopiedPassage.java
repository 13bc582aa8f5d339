package dev.raftpad.desktop.export;

import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.ImagePlacement;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A passage copied inside Raftpad, in the forms the clipboard carries: Raftpad's own (the content
 * exactly, inline and line formats and images, with the id of the document whose image store the
 * image ids come from), HTML for other applications (images embedded by {@link Exporter}, the one
 * mapping) and plain text. Pure.
 *
 * <p>The own form is {@code RPCOPY01}, a version, the document id, then the content as the wire's
 * {@code raftpad.v1.Operation} through {@link OperationCodec}, so a pasted passage is validated as
 * strictly as a request before it becomes an edit.
 *
 * @param documentId the document the passage was copied from
 * @param content inserts only, without suggestion marks
 */
public record CopiedPassage(String documentId, Operation content) {
  static final int VERSION = 1;
  private static final byte[] MAGIC = "RPCOPY01".getBytes(StandardCharsets.US_ASCII);

  /** Removes both suggestion marks: a copy carries the text as it reads, not who proposed it. */
  private static final Attributes NO_SUGGESTION_MARKS =
      Attributes.builder().suggestedInsert("").suggestedDelete("").build();

  public CopiedPassage {
    if (documentId.isEmpty() || documentId.length() > 200) {
      throw new IllegalArgumentException("not a document id: " + documentId);
    }
    content = withoutSuggestionMarks(content);
  }

  /** The passage [{@code start}, {@code end}) (code points) of {@code document}. */
  public static CopiedPassage of(String documentId, Document document, int start, int end) {
    OperationBuilder content = Operation.builder();
    for (Run run : document.runs(start, end - start)) {
      content.insert(run.text(), run.attributes());
    }
    return new CopiedPassage(documentId, content.build());
  }

  /** The text for applications that take only text: images are left out (no U+FFFC). */
  public String plainText() {
    // Straight from the inserts: a whole document's copy builds no second document for it.
    StringBuilder text = new StringBuilder();
    for (var component : content.components()) {
      text.append(((Insert) component).text());
    }
    return text.toString().replace(Images.CHARACTER, "");
  }

  /** HTML for other applications, the images whose bytes {@code pictures} has embedded. */
  public String html(DocumentPictures pictures) {
    return Exporter.html(Document.fromContent(content), pictures);
  }

  /** The ids of the images the passage holds. */
  public Set<String> imageIds() {
    return ImagePlacement.inserted(content);
  }

  /** Raftpad's own clipboard form. */
  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(documentId);
      byte[] wire = OperationCodec.toWire(content).toByteArray();
      out.writeInt(wire.length);
      out.write(wire);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
  }

  /**
   * Reads Raftpad's own clipboard form.
   *
   * @throws IllegalArgumentException saying why the bytes are not a passage this Raftpad reads
   */
  public static CopiedPassage decode(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("not a passage copied in Raftpad");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "a passage of format " + version + " (this Raftpad reads " + VERSION + ")");
      }
      String documentId = in.readUTF();
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        throw new IllegalArgumentException("the copied passage is cut short");
      }
      byte[] wire = new byte[length];
      in.readFully(wire);
      Operation content =
          OperationCodec.fromWire(dev.raftpad.proto.v1.Operation.parseFrom(wire), "content");
      for (var component : content.components()) {
        if (!(component instanceof Insert)) {
          throw new IllegalArgumentException("a copied passage is inserts only");
        }
      }
      var misplaced = ImagePlacement.problem(content);
      if (misplaced.isPresent()) {
        throw new IllegalArgumentException(misplaced.get());
      }
      return new CopiedPassage(documentId, content);
    } catch (IOException e) {
      throw new IllegalArgumentException("the copied passage is unreadable: " + e.getMessage(), e);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException("the copied passage is invalid: " + e.getMessage(), e);
    }
  }

  private static Operation withoutSuggestionMarks(Operation content) {
    boolean marked = false;
    for (var component : content.components()) {
      if (!(component instanceof Insert insert)) {
        throw new IllegalArgumentException("a copied passage is inserts only: " + component);
      }
      marked |=
          isSet(insert.attributes().suggestedInsert())
              || isSet(insert.attributes().suggestedDelete());
    }
    if (!marked) {
      return content; // most copies: nothing to take out, and nothing to build again
    }
    OperationBuilder out = Operation.builder();
    for (var component : content.components()) {
      Insert insert = (Insert) component;
      out.insert(
          insert.text(), Attributes.compose(insert.attributes(), NO_SUGGESTION_MARKS, false));
    }
    return out.build();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
