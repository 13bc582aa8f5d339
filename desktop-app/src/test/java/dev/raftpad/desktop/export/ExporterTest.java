package dev.raftpad.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import org.junit.jupiter.api.Test;

class ExporterTest {
  private final Document doc =
      Document.empty()
          .apply(
              Operation.builder()
                  .insert("Title")
                  .insert("\n", Attributes.builder().heading(Heading.H1).build())
                  .insert("some ")
                  .insert("bold", Attributes.builder().bold(true).build())
                  .insert(" & ")
                  .insert("link", Attributes.builder().link("https://raftpad.dev").build())
                  .insert("\n")
                  .insert("one")
                  .insert("\n", Attributes.builder().list(ListKind.NUMBERED).build())
                  .insert("two")
                  .insert("\n", Attributes.builder().list(ListKind.NUMBERED).build())
                  .build());

  @Test
  void markdown() {
    assertThat(Exporter.export(doc, Exporter.Format.MARKDOWN))
        .isEqualTo("# Title\nsome **bold** & [link](https://raftpad.dev)\n1. one\n2. two\n");
  }

  @Test
  void html() {
    assertThat(Exporter.export(doc, Exporter.Format.HTML))
        .contains("<h1>Title</h1>")
        .contains(
            "<p>some <strong>bold</strong> &amp; <a href=\"https://raftpad.dev\">link</a></p>")
        .contains("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
  }

  private final Document issue22 =
      Document.empty()
          .apply(
              Operation.builder()
                  .insert("Centred ")
                  .insert(
                      "serif",
                      Attributes.builder()
                          .fontFamily("serif")
                          .fontSize(18)
                          .highlight("#ffff00")
                          .build())
                  .insert(
                      "\n",
                      Attributes.builder()
                          .align(Alignment.CENTER)
                          .lineSpacing(LineSpacing.ONE_HALF)
                          .indent(2)
                          .build())
                  .insert("milk")
                  .insert("\n", Attributes.builder().list(ListKind.CHECKED).build())
                  .insert("eggs")
                  .insert("\n", Attributes.builder().list(ListKind.UNCHECKED).indent(1).build())
                  .build());

  @Test
  void htmlCarriesFontsColoursLineLayoutAndChecklists() {
    assertThat(Exporter.export(issue22, Exporter.Format.HTML))
        .contains(
            "<p style=\"text-align:center;line-height:1.5;margin-left:4.0em;\">Centred "
                + "<span style=\"font-family:serif;font-size:18pt;background-color:#ffff00;\">"
                + "serif</span></p>")
        .contains(
            """
            <ul style="list-style:none">
            <li><input type="checkbox" disabled checked> milk</li>
            <li style="margin-left:2.0em;"><input type="checkbox" disabled> eggs</li>
            </ul>""");
  }

  @Test
  void markdownKeepsChecklistsNestingAndHighlightsAndDropsWhatItCannotSay() {
    assertThat(Exporter.export(issue22, Exporter.Format.MARKDOWN))
        .isEqualTo("Centred <mark>serif</mark>\n- [x] milk\n  - [ ] eggs\n");
  }

  @Test
  void plainText() {
    assertThat(Exporter.export(doc, Exporter.Format.PLAIN_TEXT))
        .isEqualTo("Title\nsome bold & link\none\ntwo\n");
  }
}
