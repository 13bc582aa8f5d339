package dev.raftpad.rpc;

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

  @Override
  public byte[] parse(InputStream stream) {
    try {
      return stream.readAllBytes(); // bounded by the server's inbound message limit
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
