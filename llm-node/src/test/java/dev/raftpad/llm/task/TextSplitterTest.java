package dev.raftpad.llm.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {
  private final TextSplitter splitter = new TextSplitter(TextSplitterTest::fourCharsPerToken);

  // One token per started group of four characters: crude, but monotone like a real tokenizer.
  private static int fourCharsPerToken(String text) {
    return (text.length() + 3) / 4;
  }

  @Test
  void aTextThatFitsIsOneChunk() {
    assertThat(splitter.split("short text", 10)).containsExactly("short text");
  }

  @Test
  void chunksFitTheBudgetAndConcatenateToTheOriginal() {
    String text =
        """
        First paragraph has a sentence. And another one here.

        Second paragraph is a bit longer; it goes on and on about the Raft log.
        A line inside it.


        Third.""";

    List<String> chunks = splitter.split(text, 8);

    assertThat(String.join("", chunks)).isEqualTo(text);
    assertThat(chunks)
        .allSatisfy(chunk -> assertThat(fourCharsPerToken(chunk)).isLessThanOrEqualTo(8));
    assertThat(chunks).hasSizeGreaterThan(3);
  }

  @Test
  void prefersParagraphBoundaries() {
    String first = "Alpha beta gamma delta.\n\n";
    String second = "Epsilon zeta eta theta.";

    assertThat(splitter.split(first + second, 7)).containsExactly(first, second);
  }

  @Test
  void cutsInsideAWordOnlyWhenNothingElseFits() {
    String word = "x".repeat(50);

    List<String> chunks = splitter.split(word, 4);

    assertThat(String.join("", chunks)).isEqualTo(word);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).hasSizeLessThanOrEqualTo(16));
  }

  @Test
  void keepsSurrogatePairsWhole() {
    String emoji = "\uD83D\uDE00".repeat(20);

    List<String> chunks =
        new TextSplitter(text -> text.codePointCount(0, text.length())).split(emoji, 3);

    assertThat(String.join("", chunks)).isEqualTo(emoji);
    assertThat(chunks)
        .allSatisfy(chunk -> assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse());
  }

  @Test
  void refusesANonPositiveBudget() {
    assertThatThrownBy(() -> splitter.split("text", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
