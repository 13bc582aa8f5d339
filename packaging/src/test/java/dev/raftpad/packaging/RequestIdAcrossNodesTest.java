package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.ModelState;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.rpc.requestid.RequestIds;
import dev.raftpad.server.api.AiGrpcService;
import dev.raftpad.server.logging.NodeLogFields;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One request id from the SDK through a server node to the LLM node, over real gRPC: the records
 * the server and the LLM node log for an AI call carry the id the caller chose, or the one the SDK
 * made up for it. Records are captured in this JVM with a logback ListAppender.
 */
class RequestIdAcrossNodesTest {
  /** The LLM node's service logger (the class is the node's own). */
  private static final String LLM_SERVICE = "dev.raftpad.llm.LlmGrpcService";

  @TempDir Path dir;
  private LlmNode llm;
  private InProcessCluster cluster;
  private final Captured records = new Captured();

  @BeforeEach
  void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    records.start();
    root.addAppender(records);
    llm =
        LlmNode.start(
            new LlmNodeConfig(
                "127.0.0.1",
                0,
                TinyModel.write(dir),
                new EngineOptions(512, 1, 1, false),
                4,
                100_000,
                TestTls.node().key()));
    assertThat(llm.loadModel()).isInstanceOf(ModelState.Ready.class);
    cluster =
        InProcessCluster.start(
            InProcessCluster.settings(dir).withSize(1).withLlmAddress("127.0.0.1:" + llm.port()));
  }

  @AfterEach
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(records);
    cluster.close();
    llm.close();
  }

  @Test
  void theIdTheCallerChoseIsOnTheServersAndTheLlmNodesRecordsOfTheCall() throws Exception {
    summarizeWith(options().withRequestId("essay-check-42"));

    List<ILoggingEvent> ours = records.withRequestId("essay-check-42");
    assertThat(ours)
        .filteredOn(record -> record.getLoggerName().equals(AiGrpcService.class.getName()))
        .singleElement()
        .satisfies(
            forwarded ->
                assertThat(forwarded.getMDCPropertyMap())
                    .containsEntry(NodeLogFields.NODE_ID, cluster.leaderId()));
    assertThat(ours)
        .filteredOn(record -> record.getLoggerName().equals(LLM_SERVICE))
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(message -> assertThat(message).contains("admitted"))
        .anySatisfy(message -> assertThat(message).contains("completed"));
  }

  @Test
  void withoutOneTheSdkMakesUpAnIdThatTheServerForwards() throws Exception {
    summarizeWith(options());

    String id =
        records.snapshot().stream()
            .filter(record -> record.getLoggerName().equals(AiGrpcService.class.getName()))
            .map(record -> record.getMDCPropertyMap().get(RequestIds.MDC_KEY))
            .findFirst()
            .orElseThrow();
    assertThat(RequestIds.acceptable(id)).isTrue();
    assertThat(records.withRequestId(id))
        .extracting(ILoggingEvent::getLoggerName)
        .contains(LLM_SERVICE);
  }

  private ClientOptions options() {
    return ClientOptions.defaults().withTrustedCa(TestTls.trustedCa());
  }

  private void summarizeWith(ClientOptions options) throws Exception {
    try (RaftpadClient client =
        RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), options)) {
      client.register("ada", "lovelace", "Ada");
      client.login("ada", "lovelace", "test");
      String doc =
          client
              .documents()
              .create("Essay", "Raft keeps replicated logs consistent across failures.\n")
              .id();
      client
          .ai()
          .summarize(doc, OptionalLong.empty(), Optional.empty(), token -> {})
          .result()
          .get(2, TimeUnit.MINUTES);
    }
  }

  /** Keeps every record with its MDC as it was on the logging thread. */
  private static final class Captured extends ListAppender<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing(); // the MDC is read now, not on the test's thread
      super.append(event);
    }

    List<ILoggingEvent> snapshot() {
      synchronized (this) { // doAppend holds this lock while it adds
        return List.copyOf(list);
      }
    }

    List<ILoggingEvent> withRequestId(String id) {
      return snapshot().stream()
          .filter(record -> id.equals(record.getMDCPropertyMap().get(RequestIds.MDC_KEY)))
          .toList();
    }
  }
}
