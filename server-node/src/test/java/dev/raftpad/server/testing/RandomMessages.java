package dev.raftpad.server.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.List;
import java.util.Random;

/**
 * Random protobuf messages of a given type, for fuzzing: every field may be set or not, to values
 * chosen to hurt — extremes, negatives, unknown enum numbers, empty and very long strings, strings
 * that name real things of the cluster under test ({@code hints}), nested messages a few levels
 * deep — plus random bytes and damaged encodings. Seeded: the same seed gives the same messages.
 */
public final class RandomMessages {
  private static final int MAX_DEPTH = 4;
  private static final List<Long> EXTREMES =
      List.of(
          0L,
          1L,
          -1L,
          2L,
          5L,
          100L,
          100_001L,
          (long) Integer.MAX_VALUE,
          (long) Integer.MIN_VALUE,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          999_999_999L,
          1_000_000_000L);

  private final Random random;
  private final List<String> hints;

  /**
   * @param hints strings worth trying in string fields: ids and names that exist in the cluster
   */
  public RandomMessages(Random random, List<String> hints) {
    this.random = random;
    this.hints = hints;
  }

  /** A random message of {@code type}. */
  public DynamicMessage message(Descriptor type) {
    return message(type, 0);
  }

  /** Random bytes, up to {@code max} of them. */
  public byte[] bytes(int max) {
    byte[] bytes = new byte[random.nextInt(max + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The encoding of a random message, damaged: truncated, or with some bytes replaced. */
  public byte[] damaged(Descriptor type) {
    byte[] bytes = message(type).toByteArray();
    if (bytes.length == 0) {
      return bytes(8);
    }
    if (random.nextBoolean()) {
      return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private DynamicMessage message(Descriptor type, int depth) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (FieldDescriptor field : type.getFields()) {
      if (random.nextInt(3) == 0) {
        continue; // left unset
      }
      if (field.isRepeated()) {
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          Object value = value(field, depth);
          if (value != null) {
            builder.addRepeatedField(field, value);
          }
        }
      } else {
        Object value = value(field, depth);
        if (value != null) {
          builder.setField(field, value);
        }
      }
    }
    return builder.build();
  }

  private Object value(FieldDescriptor field, int depth) {
    return switch (field.getJavaType()) {
      case INT -> (int) longValue();
      case LONG -> longValue();
      case FLOAT -> random.nextFloat() * 1e6f - 5e5f;
      case DOUBLE -> random.nextDouble() * 1e9 - 5e8;
      case BOOLEAN -> random.nextBoolean();
      case STRING -> string();
      case BYTE_STRING -> ByteString.copyFrom(bytes(64));
      case ENUM -> enumValue(field.getEnumType());
      case MESSAGE -> depth >= MAX_DEPTH ? null : message(field.getMessageType(), depth + 1);
    };
  }

  private long longValue() {
    return random.nextBoolean()
        ? EXTREMES.get(random.nextInt(EXTREMES.size()))
        : random.nextLong() >> random.nextInt(64);
  }

  private Object enumValue(EnumDescriptor type) {
    return random.nextInt(5) == 0
        ? type.findValueByNumberCreatingIfUnknown(random.nextInt(1000) - 10)
        : type.getValues().get(random.nextInt(type.getValues().size()));
  }

  private String string() {
    return switch (random.nextInt(8)) {
      case 0 -> "";
      case 1, 2 -> hints.get(random.nextInt(hints.size()));
      case 3 -> "x".repeat(random.nextInt(5_000));
      case 4 -> "\n";
      case 5 -> new String(Character.toChars(0x1F600 + random.nextInt(50))) + "\u0000\u202E";
      default -> randomText(1 + random.nextInt(40));
    };
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5F);
      if (Character.isSurrogate((char) codePoint)) {
        codePoint = '?';
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
