package dev.raftpad.llm;

import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.tls.KeyMaterial;
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
 */
public record LlmNodeConfig(
    String host,
    int port,
    Path model,
    EngineOptions engine,
    int queueCapacity,
    int maxInputChars,
    KeyMaterial tls) {
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
