package dev.raftpad.server.metrics;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every gRPC call the node serves — client API, peer API, health — counted by method and status
 * code, with its duration and messages, under the names go-grpc-prometheus made customary ({@code
 * grpc_server_started_total}, {@code grpc_server_handled_total}, {@code
 * grpc_server_handling_seconds}, ...), so existing dashboards and alerts apply. Installed as the
 * server's outermost interceptor, it sees the request guard's refusals too. Labels are the
 * registered methods' names only: a call to an unknown method never reaches an interceptor.
 *
 * <p>grpc-java's own OpenTelemetry module would need the OpenTelemetry SDK and a second exporter
 * beside this registry; an interceptor of a few lines gives the same figures on the one endpoint.
 */
public final class GrpcServerMetrics implements ServerInterceptor {
  private static final double NANOS_PER_SECOND = 1e9;

  private final Counter started;
  private final Counter handled;
  private final Histogram handlingSeconds;
  private final Counter received;
  private final Counter sent;
  private final Gauge active;

  /** Each method's series, looked up once rather than per message (streams carry many). */
  private final Map<String, MethodSeries> byMethod = new ConcurrentHashMap<>();

  private record MethodSeries(
      List<String> labels,
      CounterDataPoint started,
      GaugeDataPoint active,
      CounterDataPoint sent,
      CounterDataPoint received,
      DistributionDataPoint handlingSeconds) {}

  GrpcServerMetrics(PrometheusRegistry registry) {
    started =
        Counter.builder()
            .name("grpc_server_started_total")
            .help("gRPC calls started on the server")
            .labelNames("grpc_type", "grpc_service", "grpc_method")
            .register(registry);
    handled =
        Counter.builder()
            .name("grpc_server_handled_total")
            .help("gRPC calls completed on the server, by status code")
            .labelNames("grpc_type", "grpc_service", "grpc_method", "grpc_code")
            .register(registry);
    handlingSeconds =
        Histogram.builder()
            .name("grpc_server_handling_seconds")
            .help(
                "Time from a call's start to its status: the latency of a unary call, the"
                    + " lifetime of a stream")
            .labelNames("grpc_type", "grpc_service", "grpc_method")
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60,
                300)
            .register(registry);
    received =
        Counter.builder()
            .name("grpc_server_msg_received_total")
            .help("Messages received from clients, per method")
            .labelNames("grpc_type", "grpc_service", "grpc_method")
            .register(registry);
    sent =
        Counter.builder()
            .name("grpc_server_msg_sent_total")
            .help("Messages sent to clients, per method")
            .labelNames("grpc_type", "grpc_service", "grpc_method")
            .register(registry);
    active =
        Gauge.builder()
            .name("grpc_server_active_calls")
            .help("gRPC calls in progress (for streaming methods: open streams)")
            .labelNames("grpc_type", "grpc_service", "grpc_method")
            .register(registry);
  }

  /** Calls of {@code fullMethodName} (service/method) in progress now. */
  long activeCalls(MethodDescriptor.MethodType type, String fullMethodName) {
    return (long) series(type, fullMethodName).active().get();
  }

  private MethodSeries series(MethodDescriptor.MethodType type, String fullMethodName) {
    return byMethod.computeIfAbsent(
        fullMethodName,
        name -> {
          String[] labels = labels(type, name);
          return new MethodSeries(
              List.of(labels),
              started.labelValues(labels),
              active.labelValues(labels),
              sent.labelValues(labels),
              received.labelValues(labels),
              handlingSeconds.labelValues(labels));
        });
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    MethodDescriptor<Q, A> method = call.getMethodDescriptor();
    MethodSeries series = series(method.getType(), method.getFullMethodName());
    long startNanos = System.nanoTime();
    series.started().inc();
    series.active().inc();
    AtomicBoolean ended = new AtomicBoolean();
    // A call ends once: by the server's status, or by a cancellation (the client went away or
    // its deadline passed, or the status could not be delivered), whichever comes first.
    java.util.function.Consumer<Status.Code> end =
        code -> {
          if (ended.compareAndSet(false, true)) {
            handled.labelValues(with(series.labels(), code.name())).inc();
            series.handlingSeconds().observe((System.nanoTime() - startNanos) / NANOS_PER_SECOND);
            series.active().dec();
          }
        };
    ServerCall<Q, A> counted =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendMessage(A message) {
            series.sent().inc();
            super.sendMessage(message);
          }

          @Override
          public void close(Status status, Metadata trailers) {
            end.accept(status.getCode());
            super.close(status, trailers);
          }
        };
    ServerCall.Listener<Q> listener = next.startCall(counted, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        series.received().inc();
        super.onMessage(message);
      }

      @Override
      public void onCancel() {
        end.accept(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  private static String[] labels(MethodDescriptor.MethodType type, String fullMethodName) {
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    String method =
        service == null ? fullMethodName : fullMethodName.substring(service.length() + 1);
    return new String[] {typeLabel(type), service == null ? "" : service, method};
  }

  private static String typeLabel(MethodDescriptor.MethodType type) {
    return switch (type) {
      case UNARY -> "unary";
      case CLIENT_STREAMING -> "client_stream";
      case SERVER_STREAMING -> "server_stream";
      case BIDI_STREAMING -> "bidi_stream";
      case UNKNOWN -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String[] with(List<String> labels, String code) {
    return new String[] {labels.get(0), labels.get(1), labels.get(2), code};
  }
}
