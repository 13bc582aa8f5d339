package dev.raftpad.rpc;

import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A message's bytes as they are, in and out: what the guard receives before it parses, and what a
 * test sends to play a broken or hostile client.
 */
public enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
  INSTANCE;

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  /**
   * The message's bytes, bounded by the server's inbound message limit. gRPC's message streams know
   * their length, so they are read into one array of exactly that size: {@code readAllBytes}
   * allocated 16 KiB buffers per message, a cost every request of every call paid.
   */
  @Override
  public byte[] parse(InputStream stream) {
    try {
      if (!(stream instanceof KnownLength)) {
        return stream.readAllBytes();
      }
      int length = stream.available();
      byte[] bytes = new byte[length];
      int read = stream.readNBytes(bytes, 0, length);
      if (read != length || stream.read() != -1) {
        throw new IOException("a message of " + length + " bytes ended after " + read);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
