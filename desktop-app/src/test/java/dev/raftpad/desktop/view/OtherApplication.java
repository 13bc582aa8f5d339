package dev.raftpad.desktop.view;

import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Another application on the same X display as Raftpad, for {@link ClipboardAcrossProcessesIT}: a
 * Java AWT program, which speaks the X clipboard with its own code, not JavaFX's.
 *
 * <ul>
 *   <li>{@code copy HTML TEXT}: puts HTML and its plain text on the clipboard, prints {@code ready}
 *       and owns the clipboard until its standard input closes (an X clipboard lives in the process
 *       that copied).
 *   <li>{@code paste}: prints the clipboard's HTML and its plain text, each on a line after {@code
 *       html:} and {@code text:} (line ends escaped as {@code \n}).
 * </ul>
 */
public final class OtherApplication {
  private OtherApplication() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Clipboard clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
    switch (args[0]) {
      case "copy" -> {
        clipboard.setContents(new HtmlAndText(args[1], args[2]), null);
        out.println("ready");
        while (System.in.read() >= 0) {
          // Keeps owning the clipboard until the test closes our input.
        }
      }
      case "paste" -> {
        out.println("html:" + oneLine((String) clipboard.getData(DataFlavor.allHtmlFlavor)));
        out.println("text:" + oneLine((String) clipboard.getData(DataFlavor.stringFlavor)));
      }
      default -> throw new IllegalArgumentException("copy HTML TEXT | paste");
    }
    System.exit(0);
  }

  private static String oneLine(String text) {
    return text.replace("\n", "\\n");
  }

  /** HTML for applications that read it, the text for those that do not. */
  private record HtmlAndText(String html, String text) implements Transferable {
    @Override
    public DataFlavor[] getTransferDataFlavors() {
      return new DataFlavor[] {
        DataFlavor.allHtmlFlavor, DataFlavor.fragmentHtmlFlavor, DataFlavor.stringFlavor
      };
    }

    @Override
    public boolean isDataFlavorSupported(DataFlavor flavor) {
      for (DataFlavor offered : getTransferDataFlavors()) {
        if (offered.equals(flavor)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Object getTransferData(DataFlavor flavor)
        throws UnsupportedFlavorException, IOException {
      if (flavor.equals(DataFlavor.stringFlavor)) {
        return text;
      }
      if (isDataFlavorSupported(flavor)) {
        return html;
      }
      throw new UnsupportedFlavorException(flavor);
    }
  }
}
