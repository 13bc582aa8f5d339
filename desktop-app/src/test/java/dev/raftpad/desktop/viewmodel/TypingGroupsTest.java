package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keystrokes one Undo takes back together; time is a hand-moved clock. */
class TypingGroupsTest {
  private Instant now = Instant.parse("2026-12-06T12:00:00Z");
  private final TypingGroups groups = new TypingGroups(InstantSource.fixed(now));
  private final MovableClock clock = new MovableClock();
  private final TypingGroups timed = new TypingGroups(clock);

  /** Types {@code text} one code point at a time from {@code at}; true where a group starts. */
  private List<Boolean> type(TypingGroups g, int at, String text) {
    List<Boolean> starts = new ArrayList<>();
    int position = at;
    for (int cp : text.codePoints().toArray()) {
      starts.add(!g.typed(position++, 0, Character.toString(cp)));
    }
    return starts;
  }

  @Test
  void aWordAndTheSpacesAfterItAreOneGroupTheNextWordStartsAnother() {
    assertThat(type(groups, 0, "hi  yo")).containsExactly(true, false, false, false, true, false);
  }

  @Test
  void aLineBreakAndAPasteStandAlone() {
    assertThat(groups.typed(0, 0, "a")).isFalse();
    assertThat(groups.typed(1, 0, "\n")).isFalse();
    assertThat(groups.typed(2, 0, "pasted")).isFalse();
    assertThat(groups.typed(8, 0, "b")).isFalse();
  }

  @Test
  void backspacesAtOnePlaceGroupAndAJumpOfTheCaretEndsTheGroup() {
    assertThat(groups.typed(5, 1, "")).isFalse();
    assertThat(groups.typed(4, 1, "")).isTrue();
    assertThat(groups.typed(3, 1, "")).isTrue();
    assertThat(groups.typed(9, 0, "x")).isFalse(); // typing after deleting
    assertThat(groups.typed(2, 0, "y")).isFalse(); // elsewhere
    assertThat(groups.typed(3, 0, "z")).isTrue();
  }

  @Test
  void anotherEditInBetweenEndsTheGroup() {
    assertThat(groups.typed(0, 0, "a")).isFalse();
    groups.interrupt();
    assertThat(groups.typed(1, 0, "b")).isFalse();
  }

  @Test
  void aPauseEndsTheGroupEvenInsideAWord() {
    assertThat(timed.typed(0, 0, "a")).isFalse();
    clock.advance(TypingGroups.PAUSE);
    assertThat(timed.typed(1, 0, "b")).isTrue();
    clock.advance(TypingGroups.PAUSE.plusMillis(1));
    assertThat(timed.typed(2, 0, "c")).isFalse();
  }

  @Test
  void codePointsBeyondUtf16CountAsOneCharacter() {
    assertThat(type(groups, 0, "😀😀")).containsExactly(true, false);
  }

  private final class MovableClock implements InstantSource {
    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }
}
