package dev.raftpad.desktop.view;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated document that looks like real writing to the editor, always the same for the same
 * size: chapters with H1/H2 headings, paragraphs with bold and italic runs and emoji (non-BMP),
 * bullet, numbered and check lists, and images when the document has some. The training run the
 * app's AOT cache is recorded from ({@link TrainingRun}) edits one; so does the editor benchmark.
 */
public final class SampleDocument {
  private static final String[] WORDS = {
    "raft",
    "log",
    "replica",
    "quorum",
    "leader",
    "term",
    "commit",
    "snapshot",
    "editor",
    "caret",
    "format",
    "heading",
    "paragraph",
    "document",
    "cluster",
    "follower",
    "vote",
    "entry",
    "index",
    "apply",
    "state",
    "machine",
    "client",
    "server"
  };
  private static final String[] EMOJI = {"🙂", "🚀", "📄", "✨", "🧪"};

  private SampleDocument() {}

  /** The document of {@code codePoints} code points, without images. */
  public static Document of(int codePoints) {
    return Document.fromContent(content(codePoints, List.of(), Integer.MAX_VALUE).get(0));
  }

  /**
   * The document's content as insert-only operations of at most {@code chunkLimit} code points each
   * (a server takes one operation's inserted text up to a limit).
   *
   * @param pictures ids of images in the document's store, each shown on a line of its own every
   *     seventh chapter in turn; empty: no images
   */
  public static List<Operation> content(int codePoints, List<String> pictures, int chunkLimit) {
    Random random = new Random(22);
    Attributes bold = Attributes.builder().bold(true).build();
    Attributes italic = Attributes.builder().italic(true).build();
    List<Operation> chunks = new ArrayList<>();
    OperationBuilder chunk = Operation.builder();
    int inChunk = 0;
    int total = 0;
    int section = 0;
    List<Piece> pieces = new ArrayList<>();
    while (total < codePoints) {
      pieces.clear();
      section++;
      pieces.add(
          new Piece(
              "Chapter " + section + ": the " + WORDS[section % WORDS.length], Attributes.NONE));
      pieces.add(
          new Piece(
              "\n",
              Attributes.builder().heading(section % 5 == 1 ? Heading.H1 : Heading.H2).build()));
      for (int p = 0; p < 3; p++) {
        int sentenceWords = 40 + random.nextInt(60);
        for (int w = 0; w < sentenceWords; w++) {
          String word = WORDS[random.nextInt(WORDS.length)] + " ";
          int dice = random.nextInt(20);
          pieces.add(
              dice == 0
                  ? new Piece(word, bold)
                  : dice == 1 ? new Piece(word, italic) : new Piece(word, Attributes.NONE));
          if (random.nextInt(60) == 0) {
            pieces.add(new Piece(EMOJI[random.nextInt(EMOJI.length)] + " ", Attributes.NONE));
          }
        }
        pieces.add(new Piece("\n", Attributes.NONE));
      }
      if (section % 7 == 0 && !pictures.isEmpty()) {
        // An image on a line of its own (one of the pictures in the document's store).
        pieces.add(
            new Piece(
                Images.CHARACTER,
                Attributes.builder().image(pictures.get(section / 7 % pictures.size())).build()));
        pieces.add(new Piece("\n", Attributes.NONE));
      }
      ListKind[] kinds = {ListKind.BULLET, ListKind.NUMBERED, ListKind.UNCHECKED};
      ListKind kind = kinds[section % kinds.length];
      for (int item = 0; item < 4; item++) {
        pieces.add(
            new Piece(
                "item " + item + " about the " + WORDS[random.nextInt(WORDS.length)],
                Attributes.NONE));
        pieces.add(new Piece("\n", Attributes.builder().list(kind).build()));
      }
      for (Piece piece : pieces) {
        String text = piece.text();
        int length = text.codePointCount(0, text.length());
        if (total + length > codePoints) {
          chunks.add(chunk.build());
          return chunks;
        }
        if (inChunk + length > chunkLimit) {
          chunks.add(chunk.build());
          chunk = Operation.builder();
          inChunk = 0;
        }
        chunk.insert(text, piece.attributes());
        inChunk += length;
        total += length;
      }
    }
    chunks.add(chunk.build());
    return chunks;
  }

  private record Piece(String text, Attributes attributes) {}
}
