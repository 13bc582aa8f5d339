package dev.raftpad.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterTrustTest {
  @Test
  void theLocalClustersCaFromTheEnvironmentWinsOverTheSetting() {
    MemorySettings settings = new MemorySettings();
    settings.put(ClusterTrust.CA_KEY, "/etc/raftpad/ca.pem");
    ClusterTrust trust =
        ClusterTrust.from(settings, Map.of("RAFTPAD_CA", TestTls.caFile().toString()));

    assertThat(trust).isEqualTo(new ClusterTrust(TestTls.caFile(), false));
    ClientOptions options = trust.applyTo(ClientOptions.defaults());
    assertThat(options.trustedCa()).isEqualTo(TestTls.trustedCa());
    assertThat(options.plaintext()).isFalse();
  }

  @Test
  void theSettingIsUsedWithoutTheEnvironmentAndTlsIsTheDefault() {
    MemorySettings settings = new MemorySettings();
    assertThat(ClusterTrust.from(settings, Map.of())).isEqualTo(new ClusterTrust(null, false));
    settings.put(ClusterTrust.CA_KEY, "/etc/raftpad/ca.pem");
    assertThat(ClusterTrust.from(settings, Map.of()).ca())
        .isEqualTo(Path.of("/etc/raftpad/ca.pem"));
  }

  @Test
  void plaintextOnlyWhenAskedFor() {
    assertThat(ClusterTrust.from(new MemorySettings(), Map.of("RAFTPAD_INSECURE", "1")).insecure())
        .isTrue();
  }
}
