package dev.raftpad.llm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The llm-node's own layering: protobuf and gRPC stop at the service edge (the root package), and
 * only the engine package touches llama.cpp.
 */
class LayeringTest {
  private static JavaClasses llmNode;

  @BeforeAll
  static void importClasses() throws URISyntaxException {
    // Only the module's own compiled classes: scanning the whole class path takes seconds.
    Path classes =
        Path.of(LlmNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    llmNode =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(classes);
  }

  @Test
  void generatedTypesAndGrpcStayAtTheServiceEdge() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.raftpad.llm.engine..",
            "dev.raftpad.llm.task..",
            "dev.raftpad.llm.gguf..",
            "dev.raftpad.llm.scheduling..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.raftpad.proto..", "com.google.protobuf..", "io.grpc..")
        .check(llmNode);
  }

  @Test
  void onlyTheEngineTouchesLlamaCpp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.raftpad.llm.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("de.kherud.llama..")
        .check(llmNode);
  }
}
