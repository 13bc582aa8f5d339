package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.ModelState;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.AiRequest;
import dev.raftpad.proto.v1.AiServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.testkit.metrics.Scrape;
import dev.raftpad.tls.GrpcTls;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring files of the tarball ({@code src/dist/server/monitoring}): the Grafana dashboard
 * is valid JSON, and every metric that a dashboard query or an alert names is one that real nodes
 * export — scraped over HTTP from a 3-node cluster and an LLM node after some traffic.
 */
class MonitoringFilesTest {
  private static final Path MONITORING = Path.of("src/dist/server/monitoring");

  /** PromQL words that are not metric names. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan");

  /** Series Prometheus makes itself. */
  private static final Set<String> BUILT_IN = Set.of("up");

  @TempDir Path dir;

  @Test
  void everyDashboardQueryAndAlertNamesAMetricThatRealNodesExport() throws Exception {
    List<String> dashboard = dashboardQueries();
    List<String> alerts = alertExpressions();
    assertThat(dashboard).hasSizeGreaterThan(20);
    assertThat(alerts).hasSizeGreaterThan(5);
    Set<String> named = new TreeSet<>();
    dashboard.forEach(query -> named.addAll(metricNames(query)));
    alerts.forEach(query -> named.addAll(metricNames(query)));
    named.removeAll(BUILT_IN);
    assertThat(named)
        .contains(
            "raftpad_raft_term",
            "grpc_server_handled_total",
            "raftpad_collab_event_queue_depth",
            "jvm_gc_collection_seconds_sum",
            "raftpad_llm_time_to_first_token_seconds_bucket");

    Set<String> exported = scrapeAfterTraffic();

    assertThat(exported).containsAll(named);
  }

  @Test
  void metricNamesAreReadFromPromQlWithoutFunctionsLabelsOrKeywords() {
    assertThat(
            metricNames(
                "histogram_quantile(0.99, sum by (instance, le) (rate(a_seconds_bucket{job=~\"x\","
                    + " role=\"leader\"}[$__rate_interval]))) / on (instance) group_left"
                    + " b_total or c > 0.5"))
        .containsExactly("a_seconds_bucket", "b_total", "c");
  }

  @Test
  void theScrapeConfigNamesTheJobsTheDashboardAndAlertsUse() throws IOException {
    String config = Files.readString(MONITORING.resolve("prometheus.yml"));
    assertThat(config)
        .contains("job_name: raftpad-server", "job_name: raftpad-llm", "raftpad-alerts.yml");
    assertThat(Files.readString(MONITORING.resolve("grafana-dashboard.json")))
        .contains("raftpad-server", "raftpad-llm");
  }

  /** Every {@code expr} of every panel, rows included; the file must be strict JSON. */
  private static List<String> dashboardQueries() throws IOException {
    JsonReader reader =
        new JsonReader(
            new StringReader(Files.readString(MONITORING.resolve("grafana-dashboard.json"))));
    reader.setStrictness(Strictness.STRICT);
    JsonObject dashboard = JsonParser.parseReader(reader).getAsJsonObject();
    assertThat(dashboard.get("title").getAsString()).isEqualTo("Raftpad");
    List<String> queries = new ArrayList<>();
    collectQueries(dashboard.getAsJsonArray("panels"), queries);
    return queries;
  }

  private static void collectQueries(JsonArray panels, List<String> queries) {
    for (JsonElement element : panels) {
      JsonObject panel = element.getAsJsonObject();
      if (panel.has("panels")) {
        collectQueries(panel.getAsJsonArray("panels"), queries);
      }
      if (panel.has("targets")) {
        for (JsonElement target : panel.getAsJsonArray("targets")) {
          queries.add(target.getAsJsonObject().get("expr").getAsString());
        }
      }
    }
  }

  private static List<String> alertExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    Matcher expr =
        Pattern.compile("(?m)^\\s*expr:\\s*(.+)$")
            .matcher(Files.readString(MONITORING.resolve("raftpad-alerts.yml")));
    while (expr.find()) {
      expressions.add(expr.group(1));
    }
    return expressions;
  }

  /**
   * The metric names in a PromQL expression: identifiers left once strings, label matchers, ranges,
   * grouping clauses, function calls and keywords are taken out.
   */
  static Set<String> metricNames(String promql) {
    String bare =
        promql
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*\\}", " ")
            .replaceAll("\\[[^]]*\\]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher identifier =
        Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(bare);
    while (identifier.find()) {
      String word = identifier.group(1);
      boolean call = identifier.group(2) != null;
      if (!call && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }

  /** Series names of three server nodes and an LLM node, scraped after some traffic. */
  private Set<String> scrapeAfterTraffic() throws Exception {
    LlmNode llm =
        LlmNode.start(
            new LlmNodeConfig(
                    "127.0.0.1",
                    0,
                    TinyModel.write(dir),
                    new EngineOptions(512, 1, 1, false),
                    4,
                    100_000,
                    TestTls.node().key())
                .withMetricsAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    try (InProcessCluster cluster =
        InProcessCluster.start(
            InProcessCluster.settings(dir.resolve("cluster"))
                .withMetrics()
                .withSnapshotEvery(5)
                .withLlmAddress("127.0.0.1:" + llm.port()))) {
      assertThat(llm.loadModel()).isInstanceOf(ModelState.Ready.class);
      work(cluster);
      Set<String> exported = new TreeSet<>();
      Await.until(
          "a snapshot on some node",
          () ->
              cluster.ids().stream()
                  .anyMatch(
                      id ->
                          Scrape.of(cluster.node(id).metricsPort())
                                  .sum("raftpad_raft_snapshot_size_bytes_count")
                              > 0));
      for (String id : cluster.ids()) {
        exported.addAll(Scrape.of(cluster.node(id).metricsPort()).seriesNames());
      }
      exported.addAll(Scrape.of(llm.metricsPort()).seriesNames());
      return exported;
    } finally {
      llm.close();
    }
  }

  /** A user signs up, writes, subscribes and asks for a summary: every kind of traffic. */
  private static void work(InProcessCluster cluster) throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(
                "127.0.0.1",
                cluster.node(cluster.leaderId()).port(),
                GrpcTls.client(TestTls.trustedCa()))
            .build();
    try {
      var accounts =
          AccountServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
      accounts.register(
          RegisterRequest.newBuilder().setUsername("ada").setPassword("lovelace").build());
      String token =
          accounts
              .login(LoginRequest.newBuilder().setUsername("ada").setPassword("lovelace").build())
              .getToken();
      String docId =
          signedIn(DocumentServiceGrpc.newBlockingStub(channel), token)
              .createDocument(CreateDocumentRequest.newBuilder().setTitle("Notes").build())
              .getDocument()
              .getDocumentId();
      Context.CancellableContext subscription = Context.current().withCancellation();
      Iterator<Event> events =
          subscription.call(
              () ->
                  signedIn(EventServiceGrpc.newBlockingStub(channel), token)
                      .subscribe(SubscribeRequest.newBuilder().addDocumentIds(docId).build()));
      while (!events.next().hasLive()) {
        // replayed events before the stream goes live
      }
      var edits = signedIn(EditServiceGrpc.newBlockingStub(channel), token);
      for (int seq = 1; seq <= 12; seq++) {
        edits.submitOperation(
            SubmitOperationRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId("laptop")
                .setClientSeq(seq)
                .setBaseRevision(seq - 1)
                .setOperation(OperationCodec.toWire(Operation.insert(0, "word ")))
                .build());
      }
      events.next(); // an operation event went out to the subscriber
      signedIn(AiServiceGrpc.newBlockingStub(channel), token)
          .summarize(AiRequest.newBuilder().setDocumentId(docId).build())
          .forEachRemaining(event -> {});
      subscription.cancel(null);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static <S extends AbstractStub<S>> S signedIn(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }
}
