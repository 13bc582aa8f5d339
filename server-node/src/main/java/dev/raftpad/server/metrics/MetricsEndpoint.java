package dev.raftpad.server.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Serves a registry in the Prometheus text format at {@code /metrics} (and {@code /-/healthy}) on
 * an address of its own, apart from the gRPC port: a scraper needs no TLS client certificate and no
 * token, so the endpoint is kept to loopback unless an operator binds it elsewhere.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  /** Binds {@code address} (port 0 picks a free one) and starts serving {@code registry}. */
  public static MetricsEndpoint start(InetSocketAddress address, PrometheusRegistry registry)
      throws IOException {
    InetSocketAddress resolved =
        address.isUnresolved()
            ? new InetSocketAddress(address.getHostString(), address.getPort())
            : address;
    if (resolved.isUnresolved()) {
      // Never fall back to the wildcard address: the endpoint has no authentication.
      throw new IOException("unknown host " + address.getHostString());
    }
    return new MetricsEndpoint(
        HTTPServer.builder()
            .inetAddress(resolved.getAddress())
            .port(address.getPort())
            .registry(registry)
            .buildAndStart());
  }

  /** The port actually bound. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
