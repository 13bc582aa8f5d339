package dev.raftpad.llm.gguf;

import java.util.List;

/**
 * One tensor's entry in a GGUF header.
 *
 * @param name the tensor's name, e.g. {@code blk.0.attn_q.weight}
 * @param dims its dimensions, fastest-varying first (GGML order)
 * @param ggmlType the element type's GGML id (0 = F32, 12 = Q4_K, ...)
 * @param offset where its data starts, relative to the start of the data section
 */
public record GgufTensor(String name, List<Long> dims, int ggmlType, long offset) {
  /** A tensor entry; the dimensions are copied. */
  public GgufTensor {
    dims = List.copyOf(dims);
  }

  /** The number of elements (parameters) the tensor holds. */
  public long elements() {
    long elements = 1;
    for (long dim : dims) {
      elements = Math.multiplyExact(elements, dim);
    }
    return elements;
  }
}
