package dev.raftpad.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedAddressesTest {
  @Test
  void parsesOrderedAndWithoutDuplicates() {
    SeedAddresses seeds =
        SeedAddresses.parse("127.0.0.1:7002, 127.0.0.1:7001,127.0.0.1:7002,[::1]:7003");
    assertThat(seeds.addresses())
        .extracting(Object::toString)
        .containsExactly("127.0.0.1:7002", "127.0.0.1:7001", "[::1]:7003");
  }

  @Test
  void refusesWhatIsNotAnAddress() {
    assertThatThrownBy(() -> SeedAddresses.parse(" , ")).hasMessage("no server address given");
    assertThatThrownBy(() -> SeedAddresses.parse("host")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> SeedAddresses.parse("host:0")).hasMessageContaining("1-65535");
    assertThatThrownBy(() -> SeedAddresses.parse("host:x")).hasMessageContaining("not a number");
  }
}
