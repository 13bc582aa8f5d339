package dev.raftpad.llm;

/** Whether the node has a model to generate with. */
public sealed interface ModelState {
  /** The command that installs the documented default model. */
  String HOW_TO_INSTALL =
      "download TinyLlama 1.1B Chat (Q4_K_M GGUF) with `./raftpad model fetch` and start the LLM"
          + " node with --model models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf";

  /** No usable model: every generating call fails with FAILED_PRECONDITION and this reason. */
  record NotReady(String reason) implements ModelState {}
}
