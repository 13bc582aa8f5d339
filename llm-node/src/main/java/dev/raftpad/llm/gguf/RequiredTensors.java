package dev.raftpad.llm.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a model of a known architecture has every tensor llama.cpp will ask for, so a file
 * with a missing tensor is refused with its name. (llama.cpp refuses such a file too, but its
 * reason stays in its own log.) Architectures not listed here are left to llama.cpp.
 */
final class RequiredTensors {
  private static final List<String> LLAMA_MODEL = List.of("token_embd", "output_norm");
  private static final List<String> LLAMA_BLOCK =
      List.of("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm");
  // Dense feed-forward; mixture-of-experts llama models (Mixtral) name theirs per expert instead.
  private static final List<String> LLAMA_DENSE_FFN = List.of("ffn_gate", "ffn_up", "ffn_down");

  private RequiredTensors() {}

  static void check(GgufHeader header) throws InvalidGgufException {
    if (!header.architecture().equals("llama")) {
      return;
    }
    long blocks = header.integer("llama.block_count").orElse(0);
    boolean dense = header.integer("llama.expert_count").orElse(0) == 0;
    List<String> blockTensors = new ArrayList<>(LLAMA_BLOCK);
    if (dense) {
      blockTensors.addAll(LLAMA_DENSE_FFN);
    }
    List<String> required = new ArrayList<>();
    LLAMA_MODEL.forEach(name -> required.add(name + ".weight"));
    for (long block = 0; block < blocks; block++) {
      for (String name : blockTensors) {
        required.add("blk." + block + "." + name + ".weight");
      }
    }
    Set<String> present =
        header.tensors().stream().map(GgufTensor::name).collect(Collectors.toSet());
    List<String> missing = required.stream().filter(name -> !present.contains(name)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidGgufException("tensors missing: " + String.join(", ", missing));
    }
  }
}
