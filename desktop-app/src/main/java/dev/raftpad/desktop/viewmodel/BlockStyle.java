package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;

/** The line formats of the toolbar; they ride on line ends. */
public enum BlockStyle {
  H1,
  H2,
  H3,
  BULLET_LIST,
  NUMBERED_LIST,
  QUOTE,
  CODE_BLOCK,
  /** A checklist item; toggled on it starts unticked. */
  CHECKLIST;

  public boolean isSetIn(Attributes a) {
    return switch (this) {
      case H1 -> a.heading() == Heading.H1;
      case H2 -> a.heading() == Heading.H2;
      case H3 -> a.heading() == Heading.H3;
      case BULLET_LIST -> a.list() == ListKind.BULLET;
      case NUMBERED_LIST -> a.list() == ListKind.NUMBERED;
      case QUOTE -> Boolean.TRUE.equals(a.quote());
      case CODE_BLOCK -> Boolean.TRUE.equals(a.codeBlock());
      case CHECKLIST -> a.list() != null && a.list().isChecklist();
    };
  }

  /** Sets ({@code on}) or removes this format, as a change for a retain over a line end. */
  public Attributes change(boolean on) {
    var b = Attributes.builder();
    return switch (this) {
      case H1 -> b.heading(on ? Heading.H1 : Heading.NONE).build();
      case H2 -> b.heading(on ? Heading.H2 : Heading.NONE).build();
      case H3 -> b.heading(on ? Heading.H3 : Heading.NONE).build();
      case BULLET_LIST -> b.list(on ? ListKind.BULLET : ListKind.NONE).build();
      case NUMBERED_LIST -> b.list(on ? ListKind.NUMBERED : ListKind.NONE).build();
      case QUOTE -> b.quote(on).build();
      case CODE_BLOCK -> b.codeBlock(on).build();
      case CHECKLIST -> b.list(on ? ListKind.UNCHECKED : ListKind.NONE).build();
    };
  }
}
