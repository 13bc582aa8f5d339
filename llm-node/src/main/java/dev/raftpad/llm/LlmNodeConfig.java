package dev.raftpad.llm;

import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.tls.KeyMaterial;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How an LLM node runs.
 *
 * @param host the address to listen on
 * @param port the port (0 picks a free one)
 * @param model the GGUF model file, or null for none
 * @param engine how llama.cpp runs the model (context, slots, threads)
 * @param queueCapacity requests that may wait for a slot; more get RESOURCE_EXHAUSTED
 * @param maxInputChars the most characters one request's text may have
 * @param tls the node's certificate and key (server nodes dial it with TLS); null only with {@code
 *     --insecure} (plaintext)
 * @param metricsAddress where to serve Prometheus metrics over HTTP; null: nowhere
 * @param metricsBestEffort true for a default address: if it cannot be bound, the node runs without
 *     metrics and logs why, instead of failing to start
 */
public record LlmNodeConfig(
    String host,
    int port,
    Path model,
    EngineOptions engine,
    int queueCapacity,
    int maxInputChars,
    KeyMaterial tls,
    InetSocketAddress metricsAddress,
    boolean metricsBestEffort) {
  /** A node without a metrics endpoint. */
  public LlmNodeConfig(
      String host,
      int port,
      Path model,
      EngineOptions engine,
      int queueCapacity,
      int maxInputChars,
      KeyMaterial tls) {
    this(host, port, model, engine, queueCapacity, maxInputChars, tls, null, false);
  }

  /** The same node, serving metrics at {@code address} (port 0: any free one). */
  public LlmNodeConfig withMetricsAddress(InetSocketAddress address) {
    return new LlmNodeConfig(
        host, port, model, engine, queueCapacity, maxInputChars, tls, address, false);
  }

  /** Checks the values. */
  public LlmNodeConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (queueCapacity < 0 || maxInputChars < 1) {
      throw new IllegalArgumentException("queue capacity >= 0 and input limit >= 1 required");
    }
  }
}
