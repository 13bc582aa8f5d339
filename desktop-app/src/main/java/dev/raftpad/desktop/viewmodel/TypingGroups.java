package dev.raftpad.desktop.viewmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Which typing one Undo takes back together, as word processors group it: a word with the spaces
 * after it, a run of Backspaces or Deletes at one place. A new group starts at a new word, a line
 * break, a paste or typing over a selection, a jump of the caret, any other edit, or a pause of
 * {@link #PAUSE}. Only one's own typing reaches it; the session keeps the groups.
 */
public final class TypingGroups {
  /** A pause this long ends a group even inside a word. */
  public static final Duration PAUSE = Duration.ofSeconds(3);

  /** One keystroke's change, in code points: {@code deleted} at {@code position}, then text. */
  record Keystroke(int position, int deleted, String inserted, Instant at) {
    int insertedLength() {
      return (int) inserted.codePoints().count();
    }

    boolean isInsert() {
      return deleted == 0 && insertedLength() == 1 && !inserted.equals("\n");
    }

    boolean isDelete() {
      return deleted == 1 && inserted.isEmpty();
    }
  }

  private final InstantSource clock;
  private Keystroke last;

  public TypingGroups(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * The user typed: {@code deleted} code points at {@code position} replaced by {@code inserted}.
   * Returns whether it continues the group of the keystroke before.
   */
  public boolean typed(int position, int deleted, String inserted) {
    Keystroke now = new Keystroke(position, deleted, inserted, clock.instant());
    boolean continues = last != null && continues(last, now);
    last = now;
    return continues;
  }

  /**
   * Anything but typing happened (formatting, undo, replace...): the next keystroke starts anew.
   */
  public void interrupt() {
    last = null;
  }

  static boolean continues(Keystroke last, Keystroke now) {
    if (Duration.between(last.at(), now.at()).compareTo(PAUSE) > 0) {
      return false;
    }
    if (now.isInsert() && last.isInsert()) {
      int previous = last.inserted().codePointAt(0);
      int next = now.inserted().codePointAt(0);
      boolean wordStarts = Character.isWhitespace(previous) && !Character.isWhitespace(next);
      return now.position() == last.position() + 1 && !wordStarts;
    }
    if (now.isDelete() && last.isDelete()) {
      // Backspace moves left one at a time; Delete stays where it is.
      return now.position() == last.position() - 1 || now.position() == last.position();
    }
    return false;
  }
}
