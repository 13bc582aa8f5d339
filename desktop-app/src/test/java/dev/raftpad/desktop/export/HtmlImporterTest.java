package dev.raftpad.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.Pasting;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import dev.raftpad.server.testing.TestImages;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTML from other applications' clipboards as content to paste, hostile HTML included. */
class HtmlImporterTest {
  private static Attributes.Builder a() {
    return Attributes.builder();
  }

  /** The content of {@code html}, its data-URI images' bytes dropped. */
  private static Operation read(String html) {
    return HtmlImporter.read(html, new HashMap<>());
  }

  /** The content as a document (a final line end added when the content has none). */
  private static List<Run> runs(String html) {
    Operation content = read(html);
    return Document.empty().apply(content).runs();
  }

  private static String text(String html) {
    return Document.empty().apply(read(html)).text();
  }

  @Test
  void inlineFormattingAndLinksAreKept() {
    assertThat(
            runs(
                "<p>a <strong>b</strong> <em>c</em> <u>d</u> <s>e</s> <code>f</code>"
                    + " <a href=\"https://raftpad.dev/x\">g</a> <b><i>h</i></b></p>"))
        .containsExactly(
            new Run("a ", Attributes.NONE),
            new Run("b", a().bold(true).build()),
            new Run(" ", Attributes.NONE),
            new Run("c", a().italic(true).build()),
            new Run(" ", Attributes.NONE),
            new Run("d", a().underline(true).build()),
            new Run(" ", Attributes.NONE),
            new Run("e", a().strikethrough(true).build()),
            new Run(" ", Attributes.NONE),
            new Run("f", a().code(true).build()),
            new Run(" ", Attributes.NONE),
            new Run("g", a().link("https://raftpad.dev/x").build()),
            new Run(" ", Attributes.NONE),
            new Run("h", a().bold(true).italic(true).build()));
  }

  @Test
  void googleDocsBoldWrapperIsNotBoldButItsStyledSpansAre() {
    assertThat(
            runs(
                "<b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\">"
                    + "<span style=\"font-weight:700\">B</span><span>n</span>"
                    + "<span style=\"font-style:italic;text-decoration:underline\">i</span></b>"))
        .containsExactly(
            new Run("B", a().bold(true).build()),
            new Run("n", Attributes.NONE),
            new Run("i", a().italic(true).underline(true).build()));
  }

  @Test
  void blocksBecomeLinesWithTheirFormat() {
    String html =
        "<h1>One</h1><h2>Two</h2><h3>Three</h3><h5>Five</h5>"
            + "<ul><li>dot<ul><li>inner</li></ul></li></ul><ol><li>first</li></ol>"
            + "<blockquote>said</blockquote><pre>code  line\n  second</pre>"
            + "<p>a<br>b</p><p>end</p>";
    assertThat(text(html))
        .isEqualTo(
            "One\nTwo\nThree\nFive\ndot\ninner\nfirst\nsaid\ncode  line\n  second\na\nb\nend");
    List<Run> runs = runs(html);
    assertThat(runs)
        .contains(
            new Run("\n", a().heading(Heading.H1).build()),
            new Run("\n", a().heading(Heading.H2).build()),
            new Run("\n", a().list(ListKind.BULLET).build()),
            new Run("\n", a().list(ListKind.BULLET).indent(1).build()),
            new Run("\n", a().list(ListKind.NUMBERED).build()),
            new Run("\n", a().quote(true).build()),
            new Run("\n", a().codeBlock(true).build()));
    // Five is a level-3 heading (there are three).
    Document doc = Document.empty().apply(read(html));
    assertThat(doc.runs(doc.text().indexOf("Five") + 4, 1))
        .containsExactly(new Run("\n", a().heading(Heading.H3).build()));
  }

  @Test
  void aPlainParagraphJoinsTheLineItIsPastedInto() {
    assertThat(text("<p>one</p>")).isEqualTo("one");
    assertThat(text("<p>one</p><p>two</p>")).isEqualTo("one\ntwo");
    Document doc = Document.of("x|y\n");
    Operation content = read("<p><b>one</b></p>");
    Document pasted = doc.apply(Pasting.at(new Selection(1, 2), content));
    assertThat(pasted.text()).isEqualTo("xoney\n");
    assertThat(pasted.runs()).contains(new Run("one", a().bold(true).build()));
  }

  @Test
  void scriptsStylesImagesAndUnsafeLinksAreDropped() {
    String html =
        "<style>p{color:red}</style><script>alert(1)</script><p>safe"
            + "<img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">click</a>"
            + " <a href=\"data:text/html,x\">data</a> <a href=\"mailto:a@b.c\">mail</a>"
            + "<iframe src=\"https://evil\">frame</iframe><unknown-tag>kept</unknown-tag></p>";
    assertThat(text(html)).isEqualTo("safe click data mailkept");
    assertThat(runs(html))
        .contains(new Run("mail", a().link("mailto:a@b.c").build()))
        .filteredOn(r -> r.attributes().link() != null)
        .hasSize(1);
  }

  @Test
  void deepNestingControlCharactersAndEmptyHtmlAreHarmless() {
    int depth = 20_000;
    String deep = "<div><span>".repeat(depth) + "deep" + "</span></div>".repeat(depth);
    assertThat(text(deep)).isEqualTo("deep");
    assertThat(text("<p>a\u0000b\u0007c\uFFFCd</p>")).isEqualTo("abcd");
    assertThat(read("<script>x</script>").isIdentity()).isTrue();
    assertThat(read("").isIdentity()).isTrue();
  }

  @Test
  void dataUriImagesBecomeImagesWithTheirBytesAndOthersAreDropped() {
    byte[] png = TestImages.png(3, 2, java.awt.Color.GREEN);
    byte[] jpeg = TestImages.jpeg(2, 2, java.awt.Color.RED);
    String html =
        "<p>before<img src=\"data:image/png;base64,"
            + Base64.getEncoder().encodeToString(png)
            + "\" alt=\"chart\">after</p><picture><img src=\" DATA:image/jpg;base64,"
            // Line-wrapped base64, as some applications write it.
            + Base64.getMimeEncoder(8, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(jpeg)
            + "\"></picture>"
            // A URL is not fetched (paste never reaches the network); claimed types are no proof.
            + "<p>x<img src=\"https://example.com/pixel.png\">"
            + "<img src=\"data:image/png;base64,"
            + Base64.getEncoder()
                .encodeToString("<svg/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "\"><img src=\"data:image/gif;base64,%%%\"><img>y</p>";
    Map<String, DocumentPictures.Picture> pictures = new HashMap<>();
    Operation content = HtmlImporter.read(html, pictures);

    String pngId = ImageBytes.idOf(png);
    String jpegId = ImageBytes.idOf(jpeg);
    assertThat(Document.empty().apply(content).runs())
        .containsExactly(
            new Run("before", Attributes.NONE),
            new Run(Images.CHARACTER, a().image(pngId).build()),
            new Run("after\n", Attributes.NONE),
            new Run(Images.CHARACTER, a().image(jpegId).build()),
            new Run("\nxy", Attributes.NONE));
    assertThat(pictures).containsOnlyKeys(pngId, jpegId);
    assertThat(pictures.get(pngId).mediaType()).isEqualTo(ImageBytes.PNG);
    assertThat(pictures.get(pngId).bytes()).isEqualTo(png);
    assertThat(pictures.get(jpegId).mediaType()).isEqualTo(ImageBytes.JPEG);
    assertThat(pictures.get(jpegId).bytes()).isEqualTo(jpeg);
  }
}
