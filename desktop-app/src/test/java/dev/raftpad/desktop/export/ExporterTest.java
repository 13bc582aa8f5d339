package dev.raftpad.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
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

  @Test
  void plainText() {
    assertThat(Exporter.export(doc, Exporter.Format.PLAIN_TEXT))
        .isEqualTo("Title\nsome bold & link\none\ntwo\n");
  }
}
