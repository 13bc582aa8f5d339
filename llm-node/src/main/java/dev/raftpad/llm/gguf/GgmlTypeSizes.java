package dev.raftpad.llm.gguf;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The storage size of GGML tensor types (block size in elements, bytes per block), for checking
 * that a file holds all of its tensor data. Types missing here are simply not size-checked.
 */
final class GgmlTypeSizes {
  private record Block(int elements, int bytes) {}

  // From ggml's type traits. Ids are stable: they are written into GGUF files.
  private static final Map<Integer, Block> BLOCKS =
      Map.ofEntries(
          Map.entry(0, new Block(1, 4)), // F32
          Map.entry(1, new Block(1, 2)), // F16
          Map.entry(2, new Block(32, 18)), // Q4_0
          Map.entry(3, new Block(32, 20)), // Q4_1
          Map.entry(6, new Block(32, 22)), // Q5_0
          Map.entry(7, new Block(32, 24)), // Q5_1
          Map.entry(8, new Block(32, 34)), // Q8_0
          Map.entry(10, new Block(256, 84)), // Q2_K
          Map.entry(11, new Block(256, 110)), // Q3_K
          Map.entry(12, new Block(256, 144)), // Q4_K
          Map.entry(13, new Block(256, 176)), // Q5_K
          Map.entry(14, new Block(256, 210)), // Q6_K
          Map.entry(24, new Block(1, 1)), // I8
          Map.entry(25, new Block(1, 2)), // I16
          Map.entry(26, new Block(1, 4)), // I32
          Map.entry(27, new Block(1, 8)), // I64
          Map.entry(28, new Block(1, 8)), // F64
          Map.entry(30, new Block(1, 2))); // BF16

  private GgmlTypeSizes() {}

  /** The bytes a tensor occupies, when its type is known here. */
  static OptionalLong bytes(GgufTensor tensor) {
    Block block = BLOCKS.get(tensor.ggmlType());
    if (block == null) {
      return OptionalLong.empty();
    }
    long blocks = (tensor.elements() + block.elements() - 1) / block.elements();
    return OptionalLong.of(Math.multiplyExact(blocks, block.bytes()));
  }
}
