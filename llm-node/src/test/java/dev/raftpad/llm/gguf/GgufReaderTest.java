package dev.raftpad.llm.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.llm.testmodel.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheModelFactsLlamaCppDoesNotExpose() throws Exception {
    GgufHeader header = GgufReader.read(TinyModel.write(dir));

    assertThat(header.version()).isEqualTo(3);
    assertThat(header.architecture()).isEqualTo("llama");
    assertThat(header.name()).contains(TinyModel.NAME);
    assertThat(header.trainedContextLength()).isPresent();
    assertThat(header.parameterCount()).isEqualTo(TinyModel.parameterCount());
    assertThat(header.metadata().get("tokenizer.ggml.tokens"))
        .isInstanceOf(GgufHeader.ArrayLength.class);
    assertThat(header.controlTokens())
        .containsExactlyInAnyOrder("<s>", "</s>", "<|im_start|>", "<|im_end|>");
  }

  @Test
  void refusesAFileThatIsNotGguf() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.gguf"), "just some text, not a model");

    assertThatThrownBy(() -> GgufReader.read(file))
        .isInstanceOf(InvalidGgufException.class)
        .hasMessageContaining("not a GGUF file");
  }

  @Test
  void refusesAnEmptyFile() throws Exception {
    Path file = Files.write(dir.resolve("empty.gguf"), new byte[0]);

    assertThatThrownBy(() -> GgufReader.read(file)).isInstanceOf(InvalidGgufException.class);
  }

  @Test
  void refusesAFileCutShortInItsTensorData() throws Exception {
    byte[] model = Files.readAllBytes(TinyModel.write(dir));
    Path file = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(model, model.length - 1000));

    assertThatThrownBy(() -> GgufReader.read(file))
        .isInstanceOf(InvalidGgufException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesAFileCutShortInItsHeader() throws Exception {
    byte[] model = Files.readAllBytes(TinyModel.write(dir));
    Path file = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(model, 100));

    assertThatThrownBy(() -> GgufReader.read(file))
        .isInstanceOf(InvalidGgufException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesALlamaModelWithoutOneOfItsTensors() throws Exception {
    Path file = TinyModel.writeWithout(dir, "output_norm.weight");

    assertThatThrownBy(() -> GgufReader.read(file))
        .isInstanceOf(InvalidGgufException.class)
        .hasMessage("tensors missing: output_norm.weight");
  }

  @Test
  void refusesAnUnknownVersion() throws Exception {
    byte[] model = Files.readAllBytes(TinyModel.write(dir));
    model[4] = 9;
    Path file = Files.write(dir.resolve("v9.gguf"), model);

    assertThatThrownBy(() -> GgufReader.read(file))
        .isInstanceOf(InvalidGgufException.class)
        .hasMessageContaining("version 9");
  }
}
