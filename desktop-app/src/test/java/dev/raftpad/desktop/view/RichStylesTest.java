package dev.raftpad.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one attributes-to-CSS mapping of the editor, for issue 22's attributes. */
class RichStylesTest {

  @Test
  void fontSizeAndHighlightBecomeInlineCss() {
    String css =
        RichStyles.inline(
            Attributes.builder().fontFamily("serif").fontSize(18).highlight("#ffff00").build());

    assertThat(css)
        .contains("-fx-font-family: serif;")
        .contains("-fx-font-size: 18pt;")
        .contains("-rtfx-background-color: #ffff00;");
    assertThat(RichStyles.inline(Attributes.NONE)).isEmpty();
  }

  @Test
  void alignmentSpacingAndIndentBecomeTheParagraphsStyle() {
    String css =
        RichStyles.paragraph(
            Attributes.builder()
                .align(Alignment.RIGHT)
                .lineSpacing(LineSpacing.DOUBLE)
                .indent(2)
                .build());

    assertThat(css)
        .contains("-fx-text-alignment: right;")
        .contains("-fx-line-spacing: 14px;")
        .contains("-fx-padding: 0 0 0 48;");
    assertThat(RichStyles.paragraph(Attributes.builder().lineSpacing(LineSpacing.SINGLE).build()))
        .isEmpty();
  }

  @Test
  void anIndentedListItemIsIndentedByItsLevelPlusTheListsOwnMargin() {
    assertThat(RichStyles.paragraph(Attributes.builder().list(ListKind.BULLET).indent(1).build()))
        .isEqualTo("-fx-padding: 0 0 0 32;");
  }

  @Test
  void headingsAreSetOffFromTheTextAboveThemTheLargestMost() {
    assertThat(RichStyles.paragraph(Attributes.builder().heading(Heading.H1).build()))
        .isEqualTo("-fx-padding: 18 0 6 0;");
    assertThat(RichStyles.paragraph(Attributes.builder().heading(Heading.H3).indent(1).build()))
        .isEqualTo("-fx-padding: 10 0 3 24;");
    assertThat(RichStyles.spaceAbove(Heading.H2))
        .isBetween(RichStyles.spaceAbove(Heading.H3), RichStyles.spaceAbove(Heading.H1));
    assertThat(RichStyles.paragraph(Attributes.builder().heading(Heading.NONE).build())).isEmpty();
  }

  @Test
  void checklistLinesAreRecognisedAndOtherListsKeepTheirMarkers() {
    List<Attributes> lines =
        List.of(
            Attributes.builder().list(ListKind.CHECKED).build(),
            Attributes.builder().list(ListKind.UNCHECKED).build(),
            Attributes.builder().list(ListKind.NUMBERED).build(),
            Attributes.NONE);

    assertThat(RichStyles.isChecklist(lines, 0)).isTrue();
    assertThat(RichStyles.isChecklist(lines, 1)).isTrue();
    assertThat(RichStyles.isChecklist(lines, 2)).isFalse();
    assertThat(RichStyles.marker(lines, 2)).isEqualTo("1.");
    assertThat(RichStyles.isChecklist(lines, 9)).isFalse();
  }
}
