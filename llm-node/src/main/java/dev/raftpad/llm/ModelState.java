package dev.raftpad.llm;

import dev.raftpad.llm.engine.LlamaEngine;

/** Whether the node has a model to generate with. */
public sealed interface ModelState {
  /** Where to get the documented default model, and how to start the node with it. */
  String HOW_TO_INSTALL =
      "with the local cluster run `./raftpad model fetch` and restart it; otherwise download"
          + " TinyLlama 1.1B Chat (Q4_K_M, 669 MB) with `curl -L --create-dirs -o"
          + " models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf"
          + " https://huggingface.co/TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF/resolve/main/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf`"
          + " and start the LLM node with --model models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf";

  /**
   * No usable model (none configured, missing, unreadable, still loading): every generating call
   * fails with FAILED_PRECONDITION and this reason.
   *
   * @param reason why, for a person, with how to install a model where that helps
   */
  record NotReady(String reason) implements ModelState {}

  /**
   * A loaded model.
   *
   * @param engine the model in llama.cpp
   */
  record Ready(LlamaEngine engine) implements ModelState {}
}
