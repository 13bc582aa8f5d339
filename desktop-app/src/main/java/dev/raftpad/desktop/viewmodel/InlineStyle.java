package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;

/** The on/off inline formats of the toolbar, each mapped to its {@link Attributes} field. */
public enum InlineStyle {
  BOLD,
  ITALIC,
  UNDERLINE,
  STRIKETHROUGH,
  CODE;

  /** The style a command name stands for ("bold" → BOLD), if it is one of these. */
  public static java.util.Optional<InlineStyle> named(String command) {
    for (InlineStyle style : values()) {
      if (style.name().equalsIgnoreCase(command)) {
        return java.util.Optional.of(style);
      }
    }
    return java.util.Optional.empty();
  }

  public boolean isSetIn(Attributes a) {
    return Boolean.TRUE.equals(
        switch (this) {
          case BOLD -> a.bold();
          case ITALIC -> a.italic();
          case UNDERLINE -> a.underline();
          case STRIKETHROUGH -> a.strikethrough();
          case CODE -> a.code();
        });
  }

  /** Sets ({@code on}) or, in a retain, removes this format. */
  public Attributes change(boolean on) {
    var b = Attributes.builder();
    return switch (this) {
      case BOLD -> b.bold(on).build();
      case ITALIC -> b.italic(on).build();
      case UNDERLINE -> b.underline(on).build();
      case STRIKETHROUGH -> b.strikethrough(on).build();
      case CODE -> b.code(on).build();
    };
  }
}
