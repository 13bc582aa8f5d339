package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {
  @TempDir Path dir;

  private static ServerNodeMain parse(String... args) {
    ServerNodeMain main = new ServerNodeMain();
    CommandLine command = new CommandLine(main);
    command.setDefaultValueProvider(ConfigFile.defaultsFor(command, args));
    command.parseArgs(args);
    return main;
  }

  @Test
  void aConfigFileSetsTheOptionsAndTheCommandLineWins() throws Exception {
    Path file = dir.resolve("n2.properties");
    Files.writeString(
        file,
        """
        # node 2 of a three-node cluster
        node-id=n2
        cluster-id=prod
        listen=10.0.0.2:7000
        peers=n1=10.0.0.1:7000,n3=10.0.0.3:7000
        data-dir=/var/lib/raftpad/n2
        llm=10.0.0.9:7100
        tick-ms=50
        """,
        StandardCharsets.UTF_8);

    ServerNodeMain main = parse("--config", file.toString(), "--tick-ms", "80");

    assertThat(main.nodeId).isEqualTo("n2");
    assertThat(main.clusterId).isEqualTo("prod");
    assertThat(main.listen).isEqualTo("10.0.0.2:7000");
    assertThat(main.peers).containsExactly("n1=10.0.0.1:7000", "n3=10.0.0.3:7000");
    assertThat(main.dataDir).isEqualTo(Path.of("/var/lib/raftpad/n2"));
    assertThat(main.llm).isEqualTo("10.0.0.9:7100");
    assertThat(main.tickMillis).isEqualTo(80);
  }

  @Test
  void aMisspeltKeyIsRefusedRatherThanIgnored() throws Exception {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "node-id=n1\nlisten-address=0.0.0.0:7000\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parse("--config=" + file))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("unknown key 'listen-address'");
  }

  @Test
  void anUnreadableConfigFileEndsTheCommandWithOneClearLine() {
    StringWriter err = new StringWriter();

    int code =
        ServerNodeMain.run(
            new String[] {"--config", dir.resolve("missing").toString()}, new PrintWriter(err));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("server-node: cannot read the config file")
        .doesNotContain("Exception")
        .hasLineCount(1);
  }
}
