package dev.raftpad.llm.testmodel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a GGUF v3 file: little-endian header, typed key/values, tensor infos, then F32 tensor data
 * aligned to 32 bytes. Only what the test model needs: strings, u32, f32, bool and arrays of
 * strings, f32 and i32.
 */
public final class GgufWriter {
  private static final int ALIGNMENT = 32;
  private static final int TYPE_UINT32 = 4;
  private static final int TYPE_INT32 = 5;
  private static final int TYPE_FLOAT32 = 6;
  private static final int TYPE_BOOL = 7;
  private static final int TYPE_STRING = 8;
  private static final int TYPE_ARRAY = 9;
  private static final int GGML_TYPE_F32 = 0;

  private final Bytes keyValues = new Bytes();
  private int keyValueCount;
  private final List<Tensor> tensors = new ArrayList<>();

  /** One tensor to write (a class, not a record: it holds arrays). */
  private static final class Tensor {
    private final String name;
    private final long[] dims;
    private final float[] data;

    Tensor(String name, long[] dims, float[] data) {
      this.name = name;
      this.dims = dims;
      this.data = data;
    }

    String name() {
      return name;
    }

    long[] dims() {
      return dims;
    }

    float[] data() {
      return data;
    }
  }

  /** Adds a string value. */
  public GgufWriter putString(String key, String value) {
    header(key, TYPE_STRING).string(value);
    return this;
  }

  /** Adds an unsigned 32-bit value. */
  public GgufWriter putUint32(String key, int value) {
    header(key, TYPE_UINT32).int32(value);
    return this;
  }

  /** Adds a 32-bit float value. */
  public GgufWriter putFloat32(String key, float value) {
    header(key, TYPE_FLOAT32).float32(value);
    return this;
  }

  /** Adds a boolean value. */
  public GgufWriter putBool(String key, boolean value) {
    header(key, TYPE_BOOL).int8(value ? 1 : 0);
    return this;
  }

  /** Adds an array of strings. */
  public GgufWriter putStrings(String key, List<String> values) {
    Bytes out = header(key, TYPE_ARRAY).int32(TYPE_STRING).int64(values.size());
    values.forEach(out::string);
    return this;
  }

  /** Adds an array of 32-bit floats. */
  public GgufWriter putFloat32s(String key, float[] values) {
    Bytes out = header(key, TYPE_ARRAY).int32(TYPE_FLOAT32).int64(values.length);
    for (float value : values) {
      out.float32(value);
    }
    return this;
  }

  /** Adds an array of signed 32-bit ints. */
  public GgufWriter putInt32s(String key, int[] values) {
    Bytes out = header(key, TYPE_ARRAY).int32(TYPE_INT32).int64(values.length);
    for (int value : values) {
      out.int32(value);
    }
    return this;
  }

  /** Adds an F32 tensor; {@code dims} in GGML order (the fastest-varying dimension first). */
  public GgufWriter addTensor(String name, long[] dims, float[] data) {
    long elements = 1;
    for (long dim : dims) {
      elements *= dim;
    }
    if (elements != data.length) {
      throw new IllegalArgumentException(name + ": " + data.length + " values for " + elements);
    }
    tensors.add(new Tensor(name, dims.clone(), data));
    return this;
  }

  /** The whole file. */
  public byte[] toBytes() {
    Bytes out = new Bytes();
    out.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).int32(3);
    out.int64(tensors.size()).int64(keyValueCount).raw(keyValues.toByteArray());
    long offset = 0;
    for (Tensor tensor : tensors) {
      out.string(tensor.name()).int32(tensor.dims().length);
      for (long dim : tensor.dims()) {
        out.int64(dim);
      }
      out.int32(GGML_TYPE_F32).int64(offset);
      offset = align(offset + 4L * tensor.data().length);
    }
    out.padTo(ALIGNMENT);
    for (Tensor tensor : tensors) {
      for (float value : tensor.data()) {
        out.float32(value);
      }
      out.padTo(ALIGNMENT);
    }
    return out.toByteArray();
  }

  /** Writes the file. */
  public Path writeTo(Path file) throws IOException {
    Files.write(file, toBytes());
    return file;
  }

  private Bytes header(String key, int type) {
    keyValueCount++;
    return keyValues.string(key).int32(type);
  }

  private static long align(long offset) {
    return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** A little-endian byte sink. */
  private static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    Bytes raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    Bytes int8(int value) {
      out.write(value);
      return this;
    }

    Bytes int32(int value) {
      return raw(scratch.clear().putInt(value).array(), 4);
    }

    Bytes int64(long value) {
      return raw(scratch.clear().putLong(value).array(), 8);
    }

    Bytes float32(float value) {
      return raw(scratch.clear().putFloat(value).array(), 4);
    }

    Bytes string(String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      return int64(bytes.length).raw(bytes);
    }

    Bytes padTo(int alignment) {
      while (out.size() % alignment != 0) {
        out.write(0);
      }
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }

    private Bytes raw(byte[] bytes, int length) {
      out.write(bytes, 0, length);
      return this;
    }
  }
}
