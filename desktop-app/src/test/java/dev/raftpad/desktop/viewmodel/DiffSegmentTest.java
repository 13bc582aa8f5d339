package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.DiffSegment.Kind;
import dev.raftpad.document.text.Document;
import org.junit.jupiter.api.Test;

class DiffSegmentTest {
  @Test
  void aDiffShowsWhatStayedWhatCameAndWhatWent() {
    var segments =
        DiffSegment.between(Document.of("the quick fox\n"), Document.of("the slow fox jumps\n"));

    assertThat(
            String.join(
                "",
                segments.stream()
                    .filter(s -> s.kind() != Kind.DELETED)
                    .map(DiffSegment::text)
                    .toList()))
        .isEqualTo("the slow fox jumps\n");
    assertThat(
            String.join(
                "",
                segments.stream()
                    .filter(s -> s.kind() != Kind.INSERTED)
                    .map(DiffSegment::text)
                    .toList()))
        .isEqualTo("the quick fox\n");
    assertThat(segments).anyMatch(s -> s.kind() == Kind.INSERTED && s.text().contains("jumps"));
    assertThat(segments).anyMatch(s -> s.kind() == Kind.DELETED);
  }

  @Test
  void aLongDocumentsDiffKeepsItsChangesAndCutsTheStretchesBetweenThem() {
    String line = "A line that stays the same 😀.\n";
    String before = line.repeat(2_000) + "old words\n" + line.repeat(2_000);
    String after = line.repeat(2_000) + "new words\n" + line.repeat(2_000) + "the end\n";
    var full = DiffSegment.between(Document.of(before), Document.of(after));

    var shown = DiffSegment.condensed(full, 100);

    // Every change is there, whole, in order.
    assertThat(shown.stream().filter(s -> s.kind() != Kind.SAME && s.kind() != Kind.OMITTED))
        .containsExactlyElementsOf(full.stream().filter(s -> s.kind() != Kind.SAME).toList());
    // The unchanged stretches are cut to their context around a marker that counts what it left
    // out; no marker splits an emoji.
    assertThat(shown).filteredOn(s -> s.kind() == Kind.OMITTED).hasSize(2);
    assertThat(shown.getFirst().kind()).isEqualTo(Kind.OMITTED);
    assertThat(shown.getFirst().text()).contains("unchanged characters");
    int shownLength = shown.stream().mapToInt(s -> s.text().length()).sum();
    assertThat(shownLength).isLessThan(1_000);
    for (DiffSegment s : shown) {
      assertThat(Character.isLowSurrogate(s.text().charAt(0))).as(s.text()).isFalse();
      assertThat(Character.isHighSurrogate(s.text().charAt(s.text().length() - 1)))
          .as(s.text())
          .isFalse();
    }
    // The unchanged text next to each change is kept: a reader sees where it is.
    int changed = 0;
    while (shown.get(changed).kind() == Kind.SAME || shown.get(changed).kind() == Kind.OMITTED) {
      changed++;
    }
    assertThat(shown.get(changed - 1).kind()).isEqualTo(Kind.SAME);
    assertThat(shown.get(changed - 1).text()).endsWith(line);
  }

  @Test
  void aShortDiffIsShownWholeAndAnUnchangedLongTextByItsBeginning() {
    var small = DiffSegment.between(Document.of("the quick fox\n"), Document.of("the slow fox\n"));
    assertThat(DiffSegment.condensed(small, 100)).isEqualTo(small);

    String text = "x".repeat(10_000);
    var same =
        DiffSegment.condensed(DiffSegment.between(Document.of(text), Document.of(text)), 100);
    assertThat(same)
        .containsExactly(
            new DiffSegment(Kind.SAME, "x".repeat(100)),
            new DiffSegment(Kind.OMITTED, " ⋯ 9,900 unchanged characters ⋯ "));
  }
}
