package dev.raftpad.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import dev.raftpad.server.testing.TestImages;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A passage copied inside Raftpad: its own form exact, HTML and text for other applications. */
class CopiedPassageTest {
  static final byte[] PNG = TestImages.png(4, 3, java.awt.Color.ORANGE);
  static final String ID = ImageBytes.idOf(PNG);

  /** "Notes" (a heading), "bold " with a link, an image, then "tail" suggested by someone. */
  static Document document() {
    return Document.fromContent(
        Operation.builder()
            .insert("Notes")
            .insert("\n", Attributes.builder().heading(Heading.H1).build())
            .insert("bold ", Attributes.builder().bold(true).build())
            .insert("site", Attributes.builder().link("https://raftpad.dev").build())
            .insert(Images.CHARACTER, Attributes.builder().image(ID).build())
            .insert("tail", Attributes.builder().suggestedInsert("s1").italic(true).build())
            .insert("\n")
            .build());
  }

  @Test
  void theOwnFormCarriesFormatsAndImagesExactlyAndDropsSuggestionMarks() {
    Document document = document();
    CopiedPassage passage = CopiedPassage.of("doc-1", document, 0, document.length());

    CopiedPassage read = CopiedPassage.decode(passage.encode());

    assertThat(read.documentId()).isEqualTo("doc-1");
    assertThat(read.imageIds()).containsExactly(ID);
    Document expected =
        document.apply(
            Operation.builder()
                .retain(document.length() - 5)
                .retain(4, Attributes.builder().suggestedInsert("").build())
                .build());
    assertThat(Document.fromContent(read.content())).isEqualTo(expected);
    assertThat(expected.runs(document.length() - 5, 4).getFirst().attributes())
        .isEqualTo(Attributes.builder().italic(true).build());
  }

  @Test
  void otherApplicationsGetHtmlWithTheImageEmbeddedAndTextWithoutIt() {
    Document document = document();
    // From inside the heading's line to inside the tail: the passage cuts runs at both ends.
    CopiedPassage passage = CopiedPassage.of("doc-1", document, 2, document.length() - 3);

    assertThat(passage.plainText()).isEqualTo("tes\nbold siteta").doesNotContain("\uFFFC");
    Map<String, DocumentPictures.Picture> pictures = new HashMap<>();
    pictures.put(ID, new DocumentPictures.Picture(ImageBytes.PNG, PNG));
    String html = passage.html(new DocumentPictures(pictures));
    assertThat(html)
        .contains("<h1>tes</h1>")
        .contains("<strong>bold </strong>")
        .contains("<a href=\"https://raftpad.dev\">site</a>")
        .contains("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
    // And Raftpad reads its own HTML back with the image's bytes (a paste into another program
    // and back, or an older Raftpad's clipboard).
    Map<String, DocumentPictures.Picture> readBack = new HashMap<>();
    HtmlImporter.read(html, readBack);
    assertThat(readBack.get(ID).bytes()).isEqualTo(PNG);
  }

  @Test
  void bytesThatAreNoPassageOrBreakTheModelAreRefusedWithAReason() {
    byte[] good = CopiedPassage.of("doc-1", document(), 0, 8).encode();
    assertThatThrownBy(
            () -> CopiedPassage.decode("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unreadable");
    byte[] other = good.clone();
    other[0] = 'X';
    assertThatThrownBy(() -> CopiedPassage.decode(other))
        .hasMessageContaining("not a passage copied in Raftpad");
    byte[] newer = good.clone();
    newer[11] = 9; // the version's last byte
    assertThatThrownBy(() -> CopiedPassage.decode(newer)).hasMessageContaining("format 9");
    assertThatThrownBy(() -> CopiedPassage.decode(Arrays.copyOf(good, good.length - 3)))
        .hasMessageContaining("cut short");
    // A retain is no passage, and an image goes on U+FFFC only.
    assertThatThrownBy(
            () -> new CopiedPassage("doc-1", Operation.builder().retain(1).insert("a").build()))
        .hasMessageContaining("inserts only");
    byte[] misplaced =
        new CopiedPassage(
                "doc-1",
                Operation.builder().insert("text", Attributes.builder().image(ID).build()).build())
            .encode();
    assertThatThrownBy(() -> CopiedPassage.decode(misplaced)).hasMessageContaining("U+FFFC only");
  }
}
