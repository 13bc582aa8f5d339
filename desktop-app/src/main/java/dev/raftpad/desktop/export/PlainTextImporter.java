package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Operation;

/** Reads plain text as the content of a new document: lines as they are, line ends normalised. */
public final class PlainTextImporter {
  private PlainTextImporter() {}

  public static Operation read(String text) {
    String clean = clean(text);
    return clean.isEmpty() ? Operation.IDENTITY : Operation.insert(0, clean);
  }

  /**
   * Without a byte-order mark, with "\n" line ends, and without control characters or unpaired
   * surrogates (the server refuses those), tabs kept.
   */
  static String clean(String text) {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    s = s.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
