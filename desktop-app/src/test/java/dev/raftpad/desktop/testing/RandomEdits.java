package dev.raftpad.desktop.testing;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import java.util.List;
import java.util.Random;

/**
 * Random documents and edits from a seeded source, for the tests that compare something kept up to
 * date incrementally (the restyled area, the outline, the suggestions) with a full recomputation:
 * short texts over a small alphabet (line ends and non-BMP characters included), each piece with
 * one of the given formats.
 */
public final class RandomEdits {
  private final Random random;
  private final String[] alphabet;
  private final List<Attributes> formats;

  public RandomEdits(Random random, String[] alphabet, List<Attributes> formats) {
    this.random = random;
    this.alphabet = alphabet.clone();
    this.formats = List.copyOf(formats);
  }

  /** The content of a new document: {@code pieces} formatted inserts. */
  public Operation insertOnly(int pieces) {
    OperationBuilder content = Operation.builder();
    for (int i = 0; i < pieces; i++) {
      content.insert(text(), format());
    }
    return content.build();
  }

  /** One to three inserts, deletes or formattings at random places of {@code document}. */
  public Operation operation(Document document) {
    OperationBuilder op = Operation.builder();
    int length = document.length();
    int position = 0;
    int steps = 1 + random.nextInt(3);
    for (int i = 0; i < steps; i++) {
      int skip = random.nextInt(Math.min(length - position, 12) + 1);
      op.retain(skip);
      position += skip;
      switch (random.nextInt(3)) {
        case 0 -> op.insert(text(), format());
        case 1 -> {
          int count = random.nextInt(Math.min(length - position, 6) + 1);
          op.delete(count);
          position += count;
        }
        default -> {
          int count = random.nextInt(Math.min(length - position, 8) + 1);
          op.retain(count, format());
          position += count;
        }
      }
    }
    return op.build();
  }

  private String text() {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }

  private Attributes format() {
    return formats.get(random.nextInt(formats.size()));
  }
}
