package dev.raftpad.raft.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The bytes of a {@link EntryType#CONFIG} entry: a tag, the node id and the context. */
public final class ConfigChangeCodec {
  private static final byte ADD_LEARNER = 1;
  private static final byte PROMOTE = 2;
  private static final byte REMOVE = 3;
  private static final byte BOOTSTRAP = 4;

  private ConfigChangeCodec() {}

  public static byte[] encode(ConfigChange change) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(
          switch (change) {
            case ConfigChange.Bootstrap b -> BOOTSTRAP;
            case ConfigChange.AddLearner a -> ADD_LEARNER;
            case ConfigChange.PromoteToVoter p -> PROMOTE;
            case ConfigChange.RemoveNode r -> REMOVE;
          });
      out.writeUTF(change.nodeId());
      out.writeUTF(change.context());
      if (change instanceof ConfigChange.Bootstrap bootstrap) {
        var sorted = new java.util.TreeSet<>(bootstrap.voters());
        out.writeInt(sorted.size());
        for (String voter : sorted) {
          out.writeUTF(voter);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static ConfigChange decode(byte[] data) {
    try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte tag = in.readByte();
      String nodeId = in.readUTF();
      String context = in.readUTF();
      if (tag == BOOTSTRAP) {
        int count = in.readInt();
        var voters = new java.util.HashSet<String>();
        for (int i = 0; i < count; i++) {
          voters.add(in.readUTF());
        }
        return new ConfigChange.Bootstrap(voters);
      }
      return switch (tag) {
        case ADD_LEARNER -> new ConfigChange.AddLearner(nodeId, context);
        case PROMOTE -> new ConfigChange.PromoteToVoter(nodeId, context);
        case REMOVE -> new ConfigChange.RemoveNode(nodeId, context);
        default -> throw new IllegalArgumentException("unknown config change tag " + tag);
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed config change entry", e);
    }
  }
}
