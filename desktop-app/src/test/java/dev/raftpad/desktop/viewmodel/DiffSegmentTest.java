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
}
