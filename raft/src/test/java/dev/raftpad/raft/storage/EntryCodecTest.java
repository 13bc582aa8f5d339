package dev.raftpad.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

  @Property
  void everyEntryRoundTrips(
      @ForAll @LongRange(min = 1) long index,
      @ForAll @LongRange(min = 1) long term,
      @ForAll EntryType type,
      @ForAll @Size(max = 300) byte[] data) {
    Entry entry = new Entry(index, term, type, data);
    ByteBuffer payload = ByteBuffer.allocate(EntryCodec.payloadSize(entry));
    EntryCodec.encode(entry, payload);

    assertThat(payload.hasRemaining()).isFalse();
    assertThat(EntryCodec.decode(payload.array())).isEqualTo(entry);
  }

  @Test
  void anUnknownFormatOrTypeIsRejected() {
    Entry entry = Entry.noop(1, 1);
    ByteBuffer payload = ByteBuffer.allocate(EntryCodec.payloadSize(entry));
    EntryCodec.encode(entry, payload);
    byte[] bytes = payload.array();

    byte[] badFormat = bytes.clone();
    badFormat[0] = 9;
    assertThatThrownBy(() -> EntryCodec.decode(badFormat)).hasMessageContaining("format");
    byte[] badType = bytes.clone();
    badType[17] = 9;
    assertThatThrownBy(() -> EntryCodec.decode(badType)).hasMessageContaining("type");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {1, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
