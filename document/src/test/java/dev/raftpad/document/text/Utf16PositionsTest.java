package dev.raftpad.document.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class Utf16PositionsTest {
  private static final String TEXT =
      "a😀b👍🏽c"; // 😀 and 👍 and 🏽 are astral: two UTF-16 units each

  @Test
  void astralCharactersCountAsOnePosition() {
    assertThat(Utf16Positions.toUtf16(TEXT, 0)).isZero();
    assertThat(Utf16Positions.toUtf16(TEXT, 1)).isEqualTo(1);
    assertThat(Utf16Positions.toUtf16(TEXT, 2)).isEqualTo(3);
    assertThat(Utf16Positions.toUtf16(TEXT, 3)).isEqualTo(4);
    assertThat(Utf16Positions.toUtf16(TEXT, 6)).isEqualTo(TEXT.length());
  }

  @Test
  void anOffsetInsideASurrogatePairNeverSplitsIt() {
    assertThat(Utf16Positions.toCodePoints(TEXT, 2)).isEqualTo(1);
  }

  @Test
  void positionsBeyondTheTextAreRefused() {
    assertThatThrownBy(() -> Utf16Positions.toUtf16(TEXT, 7))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("6 code points");
    assertThatThrownBy(() -> Utf16Positions.toCodePoints(TEXT, TEXT.length() + 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Property(tries = 500)
  void conversionRoundTripsAtEveryCodePointBoundary(
      @ForAll @Chars({'a', 'b', '\n'}) @CharRange(from = '\uD83D', to = '\uD83D') String prefix) {
    String text = prefix.replace("\uD83D", "😀") + "é😀";
    int codePoints = text.codePointCount(0, text.length());
    for (int position = 0; position <= codePoints; position++) {
      int offset = Utf16Positions.toUtf16(text, position);
      assertThat(Utf16Positions.toCodePoints(text, offset)).isEqualTo(position);
    }
  }
}
