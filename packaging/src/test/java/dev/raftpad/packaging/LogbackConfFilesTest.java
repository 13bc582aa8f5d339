package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tarball's {@code conf/logback.xml} and {@code conf/logback-cli.xml}, read by logback itself
 * as the launch scripts have it read them: {@code RAFTPAD_LOG_FORMAT} picks JSON or text, anything
 * else is text, and logback reports nothing worse than INFO about them (which is why it stays
 * quiet).
 */
class LogbackConfFilesTest {
  private static final Path CONF = Path.of("src/dist/server/conf");

  @ParameterizedTest
  @CsvSource({
    "logback.xml, json, JSON",
    "logback.xml, text, TEXT",
    "logback.xml, yaml, TEXT",
    "logback.xml, '', TEXT",
    "logback-cli.xml, json, JSON",
    "logback-cli.xml, text, TEXT",
    "logback-cli.xml, bogus, TEXT"
  })
  void theFormatVariablePicksTheEncoderQuietly(String file, String format, String expected)
      throws Exception {
    LoggerContext context = new LoggerContext();
    if (!format.isEmpty()) {
      // Looked up before system properties and the environment, as RAFTPAD_LOG_FORMAT would be.
      context.putProperty("RAFTPAD_LOG_FORMAT", format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(CONF.resolve(file).toFile());

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var appender = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertThat(appender).as("the STDERR appender of %s", file).isNotNull();
    assertThat(appender.getEncoder())
        .isInstanceOf(expected.equals("JSON") ? JsonEncoder.class : PatternLayoutEncoder.class);
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("logback's own report on %s", file)
        .allSatisfy(status -> assertThat(status.getLevel()).isEqualTo(Status.INFO));
    context.stop();
  }
}
