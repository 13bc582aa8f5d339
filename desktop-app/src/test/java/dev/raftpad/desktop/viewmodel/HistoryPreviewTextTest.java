package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.text.Document;
import org.junit.jupiter.api.Test;

class HistoryPreviewTextTest {
  @Test
  void aShortVersionIsPreviewedWholeALongOneByItsBeginningSayingHowMuchMore() {
    assertThat(HistoryViewModel.previewText(Document.of("Short.\n"))).isEqualTo("Short.\n");

    String long_ = "word ".repeat(10_000);
    String preview = HistoryViewModel.previewText(Document.of(long_));
    assertThat(preview)
        .startsWith(long_.substring(0, HistoryViewModel.PREVIEW_LIMIT))
        .contains("the first 20,000 of 50,000 characters");
    assertThat(preview.length()).isLessThan(HistoryViewModel.PREVIEW_LIMIT + 200);
  }
}
