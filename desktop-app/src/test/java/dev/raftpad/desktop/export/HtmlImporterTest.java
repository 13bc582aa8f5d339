package dev.raftpad.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.Pasting;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTML from other applications' clipboards as content to paste, hostile HTML included. */
class HtmlImporterTest {
  private static Attributes.Builder a() {
    return Attributes.builder();
  }

  /** The content as a document (a final line end added when the content has none). */
  private static List<Run> runs(String html) {
    Operation content = HtmlImporter.read(html);
    return Document.empty().apply(content).runs();
  }

  private static String text(String html) {
    return Document.empty().apply(HtmlImporter.read(html)).text();
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
    Document doc = Document.empty().apply(HtmlImporter.read(html));
    assertThat(doc.runs(doc.text().indexOf("Five") + 4, 1))
        .containsExactly(new Run("\n", a().heading(Heading.H3).build()));
  }

  @Test
  void aPlainParagraphJoinsTheLineItIsPastedInto() {
    assertThat(text("<p>one</p>")).isEqualTo("one");
    assertThat(text("<p>one</p><p>two</p>")).isEqualTo("one\ntwo");
    Document doc = Document.of("x|y\n");
    Operation content = HtmlImporter.read("<p><b>one</b></p>");
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
    assertThat(HtmlImporter.read("<script>x</script>").isIdentity()).isTrue();
    assertThat(HtmlImporter.read("").isIdentity()).isTrue();
  }
}
