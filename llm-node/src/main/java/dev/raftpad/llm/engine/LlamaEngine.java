package dev.raftpad.llm.engine;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.raftpad.llm.gguf.GgufHeader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One loaded llama.cpp model: renders chat prompts with the model's own template, counts tokens
 * with its tokenizer, and streams generations. Thread-safe: llama.cpp's server loop batches the
 * generations of all slots; each caller iterates its own generation on its own thread.
 */
public final class LlamaEngine implements AutoCloseable {
  private final LlamaModel model;
  private final ModelDescription description;
  private final ControlTokenGuard guard;

  private LlamaEngine(LlamaModel model, ModelDescription description, ControlTokenGuard guard) {
    this.model = model;
    this.description = description;
    this.guard = guard;
  }

  /**
   * Loads {@code file}, whose header has been read and checked already.
   *
   * @throws ModelLoadException if llama.cpp refuses the file, with llama.cpp's logged reasons
   */
  public static LlamaEngine load(Path file, GgufHeader header, EngineOptions options)
      throws ModelLoadException {
    ModelParameters parameters =
        new ModelParameters()
            .setModel(file.toString())
            .setCtxSize(options.contextSize())
            .setParallel(options.parallelSlots())
            .setThreads(options.threads())
            .setThreadsBatch(options.threads());
    if (!options.nativeLog()) {
      parameters.disableLog();
    }
    NativeLlama.ensureLoaded();
    LlamaModel model;
    try {
      model = new LlamaModel(parameters);
    } catch (RuntimeException e) { // LlamaException, which is not public
      throw new ModelLoadException(e.getMessage());
    }
    ModelDescription description =
        new ModelDescription(
            header.name().orElse(file.getFileName().toString()),
            file,
            header.parameterCount(),
            header.trainedContextLength().orElse(0),
            options.contextSize(),
            options.parallelSlots(),
            options.threads());
    return new LlamaEngine(model, description, new ControlTokenGuard(header.controlTokens()));
  }

  /** What is loaded, and how. */
  public ModelDescription description() {
    return description;
  }

  /**
   * Renders a system and a user message through the model's chat template, ending with the
   * assistant's turn, and measures it. (llama.cpp's {@code complete}/{@code generate} ignore chat
   * messages, so the prompt is rendered first and generated from as text.) Control-token literals
   * in the user message are broken up so they stay text.
   */
  public Prompt chatPrompt(String system, String user) {
    InferenceParameters messages =
        new InferenceParameters("")
            .setMessages(system, List.of(new Pair<>("user", guard.defuse(user))));
    String text = model.applyTemplate(messages);
    return new Prompt(text, countTokens(text) + 1); // + the beginning-of-sequence token
  }

  /** The number of tokens {@code text} encodes to (special tokens parsed, no BOS added). */
  public int countTokens(String text) {
    return model.encode(text).length;
  }

  /**
   * Generates from {@code prompt}, handing each piece of text to {@code onPiece} as it comes, on
   * the calling thread. Stops within one token of {@code cancellation} being raised (a request
   * still waiting for a llama.cpp slot stops at its first token).
   *
   * @throws GenerationCancelledException if cancelled
   * @throws GenerationFailedException if llama.cpp fails the request
   */
  public Completion generate(
      Prompt prompt,
      GenerationSettings settings,
      Cancellation cancellation,
      Consumer<String> onPiece) {
    long start = System.nanoTime();
    int promptTokens = prompt.tokens();
    InferenceParameters parameters =
        new InferenceParameters(prompt.text())
            .setTemperature(settings.temperature())
            .setSeed(settings.seed());
    // The token limit is counted here rather than passed as n_predict: what the caller receives
    // is pieces, and counting them is the only way to know the limit was what ended a generation.
    StringBuilder text = new StringBuilder();
    int generated = 0;
    long firstPieceAt = 0;
    FinishReason reason = FinishReason.STOP;
    LlamaIterator pieces = start(parameters);
    try {
      while (pieces.hasNext()) {
        // Cancellation is looked at only once an output has come: llama.cpp may still hold the
        // request in its queue (its slots busy), and a cancel overtakes a queued request, finds no
        // slot running it, and is lost; the request then runs unread until the context ends,
        // holding its slot, and every later request waits behind it. An output means it has a slot.
        LlamaOutput output = next(pieces);
        if (cancellation.isCancelled()) {
          if (pieces.hasNext()) {
            pieces.cancel();
          }
          throw new GenerationCancelledException();
        }
        if (output.text.isEmpty()) {
          continue; // the closing message of a stream carries no text
        }
        if (generated == 0) {
          firstPieceAt = System.nanoTime();
        }
        generated++;
        text.append(output.text);
        onPiece.accept(output.text);
        if (generated >= settings.maxTokens()) {
          pieces.cancel();
          reason = FinishReason.LENGTH;
        }
      }
    } catch (RuntimeException e) {
      if (pieces.hasNext()) {
        pieces.cancel(); // whatever failed (llama.cpp or the consumer), free the llama.cpp slot
      }
      throw e;
    }
    if (reason == FinishReason.STOP
        && description.trainedContext() > 0
        && promptTokens + generated >= description.trainedContext()) {
      reason = FinishReason.LENGTH; // llama.cpp stops unbounded generations at the trained context
    }
    long end = System.nanoTime();
    return new Completion(
        text.toString(),
        reason,
        promptTokens,
        generated,
        generated == 0 ? 0 : (firstPieceAt - start) / 1_000,
        (end - start) / 1_000);
  }

  private static LlamaOutput next(LlamaIterator pieces) {
    try {
      return pieces.next();
    } catch (RuntimeException e) {
      throw new GenerationFailedException(e.getMessage(), e);
    }
  }

  private LlamaIterator start(InferenceParameters parameters) {
    try {
      return model.generate(parameters).iterator();
    } catch (RuntimeException e) {
      throw new GenerationFailedException(e.getMessage(), e);
    }
  }

  /** Stops llama.cpp's server loop. Call only once no generation is running. */
  @Override
  public void close() {
    model.close();
  }
}
