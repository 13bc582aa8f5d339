package dev.raftpad.desktop.viewmodel;

/**
 * Where the caret goes after typing in suggesting mode. Deleted text stays in the document (struck
 * through), so the area, which removed it, is reloaded; the caret must then land where a word
 * processor puts it: Backspace moves left over the struck-through text, Delete (or typing over a
 * selection) moves right past it and past what was typed.
 */
public final class TypingCaret {
  private TypingCaret() {}

  /**
   * @param position where the change began (code points)
   * @param kept how many of the deleted code points stay, marked as a suggested deletion
   * @param inserted how many code points were typed
   * @param backward Backspace with no selection
   */
  public static int after(int position, int kept, int inserted, boolean backward) {
    return backward && inserted == 0 ? position : position + kept + inserted;
  }
}
