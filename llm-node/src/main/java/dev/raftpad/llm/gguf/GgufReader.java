package dev.raftpad.llm.gguf;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads and checks the header of a GGUF file before llama.cpp sees it, so a file that is not a
 * model, or is cut short, is refused with a clear message instead of reaching native code. Also the
 * source of the model facts llama.cpp does not expose (name, parameter count).
 *
 * <p>Format (little-endian): magic {@code GGUF}, u32 version, u64 tensor count, u64 key/value
 * count; key/values (string key, u32 type, value); tensor infos (name, u32 dims, u64 dims[], u32
 * ggml type, u64 offset); padding to {@code general.alignment} (default 32); tensor data.
 */
public final class GgufReader {
  private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
  private static final int DEFAULT_ALIGNMENT = 32;
  // Bounds that no real model comes near; past them the file is corrupt, and reading on would
  // only allocate garbage.
  private static final long MAX_COUNT = 1L << 24;
  private static final long MAX_STRING_BYTES = 1L << 24;
  private static final int MAX_DIMS = 8;
  private static final String TOKENS_KEY = "tokenizer.ggml.tokens";
  private static final String TOKEN_TYPES_KEY = "tokenizer.ggml.token_type";
  private static final long CONTROL_TOKEN_TYPE = 3;

  private final Input in;
  private final long fileSize;

  private GgufReader(InputStream in, long fileSize) {
    this.in = new Input(in);
    this.fileSize = fileSize;
  }

  /**
   * Reads and checks the header of {@code file}.
   *
   * @throws InvalidGgufException if the file is not GGUF, is truncated or is malformed
   * @throws IOException if the file cannot be read
   */
  public static GgufHeader read(Path file) throws IOException, InvalidGgufException {
    long size = Files.size(file);
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new GgufReader(stream, size).header();
    } catch (EOFException e) {
      throw new InvalidGgufException("the file is truncated: its header ends early");
    }
  }

  private GgufHeader header() throws IOException, InvalidGgufException {
    if (fileSize < 4 || in.u32() != MAGIC) {
      throw new InvalidGgufException("not a GGUF file (it does not start with \"GGUF\")");
    }
    int version = in.u32();
    if (version != 2 && version != 3) {
      throw new InvalidGgufException("unsupported GGUF version " + version + " (expected 2 or 3)");
    }
    long tensorCount = count(in.u64(), "tensor count");
    long keyValueCount = count(in.u64(), "metadata count");
    Map<String, Object> metadata = new HashMap<>();
    List<Object> tokens = List.of();
    List<Object> tokenTypes = List.of();
    for (long i = 0; i < keyValueCount; i++) {
      String key = string();
      int type = in.u32();
      switch (key) {
        // The only arrays worth keeping: which token texts are control tokens.
        case TOKENS_KEY, TOKEN_TYPES_KEY -> {
          List<Object> values = type == 9 ? arrayValues() : List.of(value(type));
          metadata.put(key, new GgufHeader.ArrayLength(values.size()));
          if (key.equals(TOKENS_KEY)) {
            tokens = values;
          } else {
            tokenTypes = values;
          }
        }
        default -> metadata.put(key, value(type));
      }
    }
    List<GgufTensor> tensors = new ArrayList<>();
    for (long i = 0; i < tensorCount; i++) {
      tensors.add(tensor());
    }
    GgufHeader header =
        new GgufHeader(version, metadata, tensors, controlTokens(tokens, tokenTypes));
    if (header.string("general.architecture").isEmpty()) {
      throw new InvalidGgufException("the file has no general.architecture: not a model");
    }
    RequiredTensors.check(header);
    checkDataFits(header, in.position());
    return header;
  }

  private GgufTensor tensor() throws IOException, InvalidGgufException {
    String name = string();
    int dimCount = in.u32();
    if (dimCount < 1 || dimCount > MAX_DIMS) {
      throw new InvalidGgufException("tensor " + name + " has " + dimCount + " dimensions");
    }
    List<Long> dims = new ArrayList<>();
    for (int d = 0; d < dimCount; d++) {
      long dim = in.u64();
      if (dim < 1 || dim > MAX_COUNT * 64) {
        throw new InvalidGgufException("tensor " + name + " has a dimension of " + dim);
      }
      dims.add(dim);
    }
    int type = in.u32();
    long offset = in.u64();
    return new GgufTensor(name, dims, type, offset);
  }

  private void checkDataFits(GgufHeader header, long headerEnd) throws InvalidGgufException {
    long alignment = header.integer("general.alignment").orElse(DEFAULT_ALIGNMENT);
    if (alignment < 1) {
      throw new InvalidGgufException("general.alignment is " + alignment);
    }
    long dataStart = (headerEnd + alignment - 1) / alignment * alignment;
    for (GgufTensor tensor : header.tensors()) {
      OptionalLong bytes = GgmlTypeSizes.bytes(tensor);
      long end = dataStart + tensor.offset() + bytes.orElse(1);
      if (tensor.offset() < 0 || end > fileSize) {
        throw new InvalidGgufException(
            "the file is truncated: tensor "
                + tensor.name()
                + " needs bytes up to "
                + end
                + " but the file has "
                + fileSize);
      }
    }
  }

  private Object value(int type) throws IOException, InvalidGgufException {
    return switch (type) {
      case 0 -> (long) in.u8(); // uint8
      case 1 -> (long) (byte) in.u8(); // int8
      case 2 -> (long) in.u16(); // uint16
      case 3 -> (long) (short) in.u16(); // int16
      case 4 -> Integer.toUnsignedLong(in.u32()); // uint32
      case 5 -> (long) in.u32(); // int32
      case 6 -> (double) Float.intBitsToFloat(in.u32()); // float32
      case 7 -> in.u8() != 0; // bool
      case 8 -> string();
      case 9 -> array();
      case 10, 11 -> in.u64(); // uint64, int64
      case 12 -> Double.longBitsToDouble(in.u64()); // float64
      default -> throw new InvalidGgufException("unknown metadata value type " + type);
    };
  }

  private static Set<String> controlTokens(List<Object> tokens, List<Object> types) {
    Set<String> control = new HashSet<>();
    for (int i = 0; i < Math.min(tokens.size(), types.size()); i++) {
      if (tokens.get(i) instanceof String text
          && types.get(i) instanceof Long type
          && type == CONTROL_TOKEN_TYPE) {
        control.add(text);
      }
    }
    return control;
  }

  private List<Object> arrayValues() throws IOException, InvalidGgufException {
    int elementType = in.u32();
    long length = count(in.u64(), "array length");
    List<Object> values = new ArrayList<>();
    for (long i = 0; i < length; i++) {
      values.add(value(elementType));
    }
    return values;
  }

  private GgufHeader.ArrayLength array() throws IOException, InvalidGgufException {
    int elementType = in.u32();
    long length = count(in.u64(), "array length");
    for (long i = 0; i < length; i++) {
      value(elementType);
    }
    return new GgufHeader.ArrayLength(length);
  }

  private String string() throws IOException, InvalidGgufException {
    long length = in.u64();
    if (length < 0 || length > MAX_STRING_BYTES) {
      throw new InvalidGgufException("a string of " + length + " bytes: the file is corrupt");
    }
    byte[] bytes = in.bytes((int) length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidGgufException("a string is not valid UTF-8: the file is corrupt");
    }
  }

  private static long count(long value, String what) throws InvalidGgufException {
    if (value < 0 || value > MAX_COUNT) {
      throw new InvalidGgufException(what + " is " + value + ": the file is corrupt");
    }
    return value;
  }

  /** Little-endian reads that count their position. */
  private static final class Input {
    private final InputStream in;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    Input(InputStream in) {
      this.in = in;
    }

    long position() {
      return position;
    }

    int u8() throws IOException {
      return bytes(1)[0] & 0xff;
    }

    int u16() throws IOException {
      return scratch.clear().put(bytes(2)).flip().getShort() & 0xffff;
    }

    int u32() throws IOException {
      return scratch.clear().put(bytes(4)).flip().getInt();
    }

    long u64() throws IOException {
      return scratch.clear().put(bytes(8)).flip().getLong();
    }

    byte[] bytes(int length) throws IOException {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new EOFException();
      }
      position += length;
      return bytes;
    }
  }
}
