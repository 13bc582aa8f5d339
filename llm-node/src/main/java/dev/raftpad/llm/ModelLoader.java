package dev.raftpad.llm;

import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.engine.LlamaEngine;
import dev.raftpad.llm.engine.ModelLoadException;
import dev.raftpad.llm.gguf.GgufHeader;
import dev.raftpad.llm.gguf.GgufReader;
import dev.raftpad.llm.gguf.InvalidGgufException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the configured model path into a {@link ModelState}. Never throws: whatever is wrong with
 * the file becomes a {@link ModelState.NotReady} whose reason says what and what to do.
 */
final class ModelLoader {
  private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

  private ModelLoader() {}

  /** The state before loading: what a node reports while the model loads, or why it will not. */
  static ModelState.NotReady beforeLoading(Path model) {
    if (model == null) {
      return new ModelState.NotReady("no model configured; " + ModelState.HOW_TO_INSTALL);
    }
    return new ModelState.NotReady("loading model " + model);
  }

  /** Checks and loads {@code model} (null when none is configured). */
  static ModelState load(Path model, EngineOptions options) {
    if (model == null) {
      return beforeLoading(null);
    }
    if (!Files.exists(model)) {
      return notReady("model file " + model + " does not exist; " + ModelState.HOW_TO_INSTALL);
    }
    if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
      return notReady("model file " + model + " is not a readable file");
    }
    GgufHeader header;
    try {
      header = GgufReader.read(model);
    } catch (InvalidGgufException e) {
      return notReady(
          "model file "
              + model
              + " is not a usable GGUF model: "
              + e.getMessage()
              + "; "
              + ModelState.HOW_TO_INSTALL);
    } catch (IOException e) {
      return notReady("model file " + model + " cannot be read: " + e.getMessage());
    }
    long started = System.nanoTime();
    try {
      LlamaEngine engine = LlamaEngine.load(model, header, options);
      log.info(
          "loaded {} ({} parameters) from {} in {} ms",
          engine.description().name(),
          engine.description().parameterCount(),
          model,
          (System.nanoTime() - started) / 1_000_000);
      return new ModelState.Ready(engine);
    } catch (ModelLoadException e) {
      return notReady("llama.cpp could not load model file " + model + ": " + e.getMessage());
    }
  }

  private static ModelState.NotReady notReady(String reason) {
    log.error("no model: {}", reason);
    return new ModelState.NotReady(reason);
  }
}
