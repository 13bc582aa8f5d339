package dev.raftpad.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.llm.engine.EngineOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LlmNodeMainTest {
  @Test
  void optionsBecomeTheNodeConfiguration() {
    LlmNodeMain main = new LlmNodeMain();
    new CommandLine(main)
        .parseArgs(
            "--host",
            "0.0.0.0",
            "--port",
            "7200",
            "--model",
            "models/m.gguf",
            "--threads",
            "3",
            "--ctx-size",
            "2048",
            "--parallel",
            "4",
            "--queue",
            "16",
            "--max-input-chars",
            "5000",
            "--quiet-llama",
            "--metrics-address",
            "off",
            "--insecure");

    assertThat(main.config())
        .isEqualTo(
            new LlmNodeConfig(
                "0.0.0.0",
                7200,
                Path.of("models/m.gguf"),
                new EngineOptions(2048, 4, 3, false),
                16,
                5000,
                null));
  }

  @Test
  void metricsAreOnLoopbackBesideThePortUnlessToldOtherwise() {
    LlmNodeMain byDefault = new LlmNodeMain();
    new CommandLine(byDefault).parseArgs("--insecure", "--port", "7100");
    LlmNodeMain given = new LlmNodeMain();
    new CommandLine(given).parseArgs("--insecure", "--metrics-address", "127.0.0.1:9464");

    assertThat(byDefault.config().metricsAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(byDefault.config().metricsAddress().getPort()).isEqualTo(8100);
    assertThat(byDefault.config().metricsBestEffort()).isTrue();
    assertThat(given.config().metricsAddress().getHostString()).isEqualTo("127.0.0.1");
    assertThat(given.config().metricsAddress().getPort()).isEqualTo(9464);
    assertThat(given.config().metricsBestEffort()).isFalse();
  }

  @Test
  void defaultsNeedNoModelAndServeTwoSlots() {
    LlmNodeMain main = new LlmNodeMain();
    new CommandLine(main).parseArgs("--insecure");

    LlmNodeConfig config = main.config();
    assertThat(config.model()).isNull();
    assertThat(config.port()).isEqualTo(7100);
    assertThat(config.engine().contextSize()).isEqualTo(4096);
    assertThat(config.engine().parallelSlots()).isEqualTo(2);
    assertThat(config.engine().threads()).isPositive();
    assertThat(config.engine().nativeLog()).isTrue();
    assertThat(config.queueCapacity()).isEqualTo(8);
  }

  @Test
  void aContextTooSmallForItsSlotsIsRefused() {
    LlmNodeMain main = new LlmNodeMain();
    new CommandLine(main).parseArgs("--ctx-size", "256", "--parallel", "4");

    assertThatThrownBy(main::config)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slots");
  }

  @Test
  void tlsIsTheDefaultAndPlaintextMustBeAskedFor() {
    LlmNodeMain main = new LlmNodeMain();
    new CommandLine(main).parseArgs();

    assertThatThrownBy(main::config)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TLS needs --tls-cert and --tls-key");
  }
}
