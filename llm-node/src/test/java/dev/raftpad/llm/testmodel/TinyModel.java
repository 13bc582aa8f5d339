package dev.raftpad.llm.testmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A tiny random-weight llama model written as GGUF v3: 2 layers, 64 wide, about 500 SentencePiece
 * tokens (specials, the 256 byte tokens, letters and a few words with their prefixes), a ChatML
 * chat template, about 0.6 MB. Its output is gibberish; it exists so the tests and the benchmark
 * run the real llama.cpp machinery in a fraction of a second.
 *
 * <p>One deliberate bias: every embedding row has a large first component, positive for ordinary
 * tokens and negative for control and byte tokens. The output projection is tied to the embeddings,
 * so the model practically never samples end-of-generation: a generation runs until {@code
 * max_tokens}, which makes lengths predictable and lets a test hold a slot as long as it likes.
 */
public final class TinyModel {
  /** The model's {@code general.name}. */
  public static final String NAME = "raftpad-tiny-random";

  /** Embedding width. */
  public static final int EMBEDDING = 64;

  /** Transformer blocks. */
  public static final int LAYERS = 2;

  private static final int HEADS = 4;
  private static final int FEED_FORWARD = 128;
  // Huge, so that llama.cpp (which stops unbounded generations at the trained context) lets a
  // test generation run until the test cancels it.
  private static final int TRAINED_CONTEXT = 1 << 20;
  private static final long SEED = 20_260_528L;

  private static final int TYPE_NORMAL = 1;
  private static final int TYPE_UNKNOWN = 2;
  private static final int TYPE_CONTROL = 3;
  private static final int TYPE_BYTE = 6;

  private static final String CHATML =
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' +"
          + " message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt"
          + " %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

  private static final List<String> WORDS =
      List.of(
          "the",
          "a",
          "and",
          "of",
          "to",
          "in",
          "is",
          "it",
          "that",
          "was",
          "for",
          "on",
          "with",
          "as",
          "raft",
          "log",
          "node",
          "leader",
          "text",
          "edit",
          "summary",
          "document",
          "grammar",
          "model",
          "token",
          "slot",
          "queue",
          "fix",
          "ask",
          "word",
          "line",
          "cluster");

  private TinyModel() {}

  /**
   * Writes the tiny model to the directory given as the argument (default: the current one), for
   * trying the node by hand without downloading a model.
   */
  public static void main(String[] args) throws IOException {
    System.out.println(write(Path.of(args.length > 0 ? args[0] : ".")));
  }

  /** Writes the complete model into {@code dir} and returns its path. */
  public static Path write(Path dir) throws IOException {
    return build(null, null).writeTo(dir.resolve("tiny-random.gguf"));
  }

  /** Writes a model that lacks one tensor (a well-formed GGUF file, but not a whole model). */
  public static Path writeWithout(Path dir, String tensorName) throws IOException {
    return build(tensorName, null).writeTo(dir.resolve("incomplete.gguf"));
  }

  /**
   * Writes a model in which one 2-D tensor has its dimensions swapped: well-formed, complete, and
   * refused by llama.cpp itself.
   */
  public static Path writeMisshapen(Path dir, String tensorName) throws IOException {
    return build(null, tensorName).writeTo(dir.resolve("misshapen.gguf"));
  }

  /** The parameter count of the complete model (every tensor element). */
  public static long parameterCount() {
    long vocab = vocabulary().size();
    long perLayer = 2L * EMBEDDING + 4L * EMBEDDING * EMBEDDING + 3L * EMBEDDING * FEED_FORWARD;
    return 2 * vocab * EMBEDDING + EMBEDDING + LAYERS * perLayer;
  }

  private static GgufWriter build(String omittedTensor, String misshapenTensor) {
    List<Token> vocabulary = vocabulary();
    GgufWriter gguf = new GgufWriter();
    gguf.putString("general.architecture", "llama")
        .putString("general.name", NAME)
        .putUint32("general.alignment", 32)
        .putUint32("llama.context_length", TRAINED_CONTEXT)
        .putUint32("llama.embedding_length", EMBEDDING)
        .putUint32("llama.block_count", LAYERS)
        .putUint32("llama.feed_forward_length", FEED_FORWARD)
        .putUint32("llama.attention.head_count", HEADS)
        .putUint32("llama.attention.head_count_kv", HEADS)
        .putUint32("llama.rope.dimension_count", EMBEDDING / HEADS)
        .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
        .putString("tokenizer.ggml.model", "llama")
        .putStrings("tokenizer.ggml.tokens", vocabulary.stream().map(Token::text).toList())
        .putFloat32s("tokenizer.ggml.scores", scores(vocabulary))
        .putInt32s("tokenizer.ggml.token_type", vocabulary.stream().mapToInt(Token::type).toArray())
        .putUint32("tokenizer.ggml.unknown_token_id", 0)
        .putUint32("tokenizer.ggml.bos_token_id", 1)
        .putUint32("tokenizer.ggml.eos_token_id", 2)
        .putBool("tokenizer.ggml.add_bos_token", true)
        .putBool("tokenizer.ggml.add_eos_token", false)
        .putString("tokenizer.chat_template", CHATML);

    Defect defect = new Defect(omittedTensor, misshapenTensor);
    Random random = new Random(SEED);
    addTensor(
        gguf,
        defect,
        "token_embd.weight",
        dims(EMBEDDING, vocabulary.size()),
        embeddings(vocabulary, random));
    addTensor(gguf, defect, "output_norm.weight", dims(EMBEDDING), ones(EMBEDDING));
    addTensor(
        gguf,
        defect,
        "output.weight",
        dims(EMBEDDING, vocabulary.size()),
        embeddings(vocabulary, random));
    for (int layer = 0; layer < LAYERS; layer++) {
      String block = "blk." + layer + ".";
      addTensor(gguf, defect, block + "attn_norm.weight", dims(EMBEDDING), ones(EMBEDDING));
      for (String projection : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
        addTensor(
            gguf,
            defect,
            block + projection + ".weight",
            dims(EMBEDDING, EMBEDDING),
            gaussian(random, EMBEDDING * EMBEDDING, 0.02f));
      }
      addTensor(gguf, defect, block + "ffn_norm.weight", dims(EMBEDDING), ones(EMBEDDING));
      addTensor(
          gguf,
          defect,
          block + "ffn_gate.weight",
          dims(EMBEDDING, FEED_FORWARD),
          gaussian(random, EMBEDDING * FEED_FORWARD, 0.02f));
      addTensor(
          gguf,
          defect,
          block + "ffn_up.weight",
          dims(EMBEDDING, FEED_FORWARD),
          gaussian(random, EMBEDDING * FEED_FORWARD, 0.02f));
      addTensor(
          gguf,
          defect,
          block + "ffn_down.weight",
          dims(FEED_FORWARD, EMBEDDING),
          gaussian(random, EMBEDDING * FEED_FORWARD, 0.02f));
    }
    return gguf;
  }

  // The weights are drawn whether or not the tensor is written, so omitting one tensor leaves
  // every other tensor's weights unchanged.
  private static void addTensor(
      GgufWriter gguf, Defect defect, String name, long[] dims, float[] data) {
    if (name.equals(defect.omitted())) {
      return;
    }
    gguf.addTensor(name, name.equals(defect.misshapen()) ? reversed(dims) : dims, data);
  }

  private record Defect(String omitted, String misshapen) {}

  private static long[] reversed(long[] dims) {
    long[] reversed = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      reversed[i] = dims[dims.length - 1 - i];
    }
    return reversed;
  }

  private record Token(String text, int type) {}

  /** The vocabulary: specials, byte tokens, then SentencePiece pieces (with every prefix). */
  private static List<Token> vocabulary() {
    List<Token> tokens = new ArrayList<>();
    tokens.add(new Token("<unk>", TYPE_UNKNOWN));
    tokens.add(new Token("<s>", TYPE_CONTROL));
    tokens.add(new Token("</s>", TYPE_CONTROL));
    tokens.add(new Token("<|im_start|>", TYPE_CONTROL));
    tokens.add(new Token("<|im_end|>", TYPE_CONTROL));
    for (int b = 0; b < 256; b++) {
      tokens.add(new Token(String.format("<0x%02X>", b), TYPE_BYTE));
    }
    Set<String> pieces = new LinkedHashSet<>();
    pieces.add("\u2581");
    // A piece of its own (not the byte token) because every chat prompt ends with a newline, and
    // the sign of the last token's embedding decides which tokens the model favours.
    pieces.add("\n");
    for (char c = 'a'; c <= 'z'; c++) {
      pieces.add(String.valueOf(c));
      pieces.add(String.valueOf(Character.toUpperCase(c)));
    }
    for (char c = '0'; c <= '9'; c++) {
      pieces.add(String.valueOf(c));
    }
    for (char c : ".,!?'-:;()\"".toCharArray()) {
      pieces.add(String.valueOf(c));
    }
    for (String word : WORDS) {
      String piece = "\u2581" + word;
      for (int end = 2; end <= piece.length(); end++) {
        pieces.add(piece.substring(0, end));
      }
    }
    pieces.forEach(piece -> tokens.add(new Token(piece, TYPE_NORMAL)));
    return tokens;
  }

  // SentencePiece merges the pair whose merged piece scores highest: longer pieces win.
  private static float[] scores(List<Token> vocabulary) {
    float[] scores = new float[vocabulary.size()];
    for (int i = 0; i < scores.length; i++) {
      Token token = vocabulary.get(i);
      scores[i] = token.type() == TYPE_NORMAL ? token.text().length() : 0f;
    }
    return scores;
  }

  private static float[] embeddings(List<Token> vocabulary, Random random) {
    float[] values = new float[vocabulary.size() * EMBEDDING];
    for (int row = 0; row < vocabulary.size(); row++) {
      boolean ordinary = vocabulary.get(row).type() == TYPE_NORMAL;
      values[row * EMBEDDING] = ordinary ? 6f : -6f;
      for (int col = 1; col < EMBEDDING; col++) {
        values[row * EMBEDDING + col] = (float) (random.nextGaussian() * 0.5);
      }
    }
    return values;
  }

  private static float[] gaussian(Random random, int count, float scale) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) (random.nextGaussian() * scale);
    }
    return values;
  }

  private static float[] ones(int count) {
    float[] values = new float[count];
    java.util.Arrays.fill(values, 1f);
    return values;
  }

  private static long[] dims(long... dims) {
    return dims;
  }
}
