package dev.raftpad.llm.gguf;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a GGUF file says about itself: its scalar metadata and its tensors. Array values are kept as
 * their length only (a tokenizer's 32,000 tokens are not worth holding on to).
 *
 * @param version the GGUF version (2 or 3)
 * @param metadata scalar values by key (String, Long, Double or Boolean), array lengths as {@link
 *     ArrayLength}
 * @param tensors every tensor entry, in file order
 * @param controlTokens the texts of the tokenizer's control tokens (e.g. {@code </s>}), which
 *     llama.cpp would read as control tokens if they appeared literally in a prompt
 */
public record GgufHeader(
    int version,
    Map<String, Object> metadata,
    List<GgufTensor> tensors,
    Set<String> controlTokens) {
  /** The length of an array value. */
  public record ArrayLength(long length) {}

  /** A header; the collections are copied. */
  public GgufHeader {
    metadata = Map.copyOf(metadata);
    tensors = List.copyOf(tensors);
    controlTokens = Set.copyOf(controlTokens);
  }

  /** A string value. */
  public Optional<String> string(String key) {
    return metadata.get(key) instanceof String value ? Optional.of(value) : Optional.empty();
  }

  /** An integer value. */
  public OptionalLong integer(String key) {
    return metadata.get(key) instanceof Long value ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** The model architecture, e.g. {@code llama}. */
  public String architecture() {
    return string("general.architecture").orElse("unknown");
  }

  /** The model's own name, if it has one. */
  public Optional<String> name() {
    return string("general.name");
  }

  /** The context length the model was trained with, if the file says. */
  public OptionalLong trainedContextLength() {
    return integer(architecture() + ".context_length");
  }

  /** The number of parameters: every element of every tensor. */
  public long parameterCount() {
    return tensors.stream().mapToLong(GgufTensor::elements).sum();
  }
}
