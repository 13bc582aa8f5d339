package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.settings.ZoomPreference;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import org.junit.jupiter.api.Test;

/** The page view's rules without a window: zoom steps, the outline, word counts. */
class PageViewRulesTest {
  @Test
  void zoomStepsStayBetween50And200Percent() {
    assertThat(Zoom.in(100)).isEqualTo(110);
    assertThat(Zoom.out(100)).isEqualTo(90);
    assertThat(Zoom.in(200)).isEqualTo(200);
    assertThat(Zoom.out(50)).isEqualTo(50);
  }

  @Test
  void aUsersZoomIsRememberedAndAnUnusableOneIsTheDefault() {
    MemorySettings settings = new MemorySettings();
    new ZoomPreference(settings, "ada").set(150);
    // A new object over the same settings (the next document, the next start) reads it back.
    assertThat(Zoom.step(new ZoomPreference(settings, "ada").get(Zoom.DEFAULT))).isEqualTo(150);
    assertThat(new ZoomPreference(settings, "bob").get(Zoom.DEFAULT)).isEqualTo(Zoom.DEFAULT);
    settings.put("zoom.bob", "large");
    assertThat(new ZoomPreference(settings, "bob").get(Zoom.DEFAULT)).isEqualTo(Zoom.DEFAULT);
    settings.put("zoom.bob", "1000");
    assertThat(Zoom.step(new ZoomPreference(settings, "bob").get(Zoom.DEFAULT)))
        .isEqualTo(Zoom.DEFAULT);
  }

  @Test
  void theOutlineListsHeadingsWithWhereTheyStart() {
    Attributes h1 = Attributes.builder().heading(Heading.H1).build();
    Attributes h2 = Attributes.builder().heading(Heading.H2).build();
    Document doc =
        Document.fromContent(
            Operation.builder()
                .insert("Intro")
                .insert("\n", h1)
                .insert("text\nDetails")
                .insert("\n", h2)
                .insert("\n", h2) // an empty heading line is no entry
                .build());

    assertThat(Headings.of(doc))
        .containsExactly(new Headings.Entry(1, "Intro", 0), new Headings.Entry(2, "Details", 11));
  }

  @Test
  void wordsAreRunsOfLettersAndCharactersAreCodePointsWithoutLineEnds() {
    assertThat(TextCounts.of("Hello, world — it's 2026!\n😀\n")).isEqualTo(new TextCounts(4, 26));
    assertThat(TextCounts.of("")).isEqualTo(new TextCounts(0, 0));
    assertThat(TextCounts.describe(new TextCounts(12, 64), new TextCounts(1, 5)))
        .isEqualTo("1 of 12 words, 5 of 64 characters");
    assertThat(TextCounts.describe(new TextCounts(1, 1), new TextCounts(0, 0)))
        .isEqualTo("1 word, 1 character");
  }
}
