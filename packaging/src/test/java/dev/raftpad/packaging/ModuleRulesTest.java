package dev.raftpad.packaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. The Maven
 * enforcer guards the dependency lists; these rules guard what the code actually references.
 */
class ModuleRulesTest {
  private static JavaClasses raftpad;

  @BeforeAll
  static void importClasses() {
    raftpad =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Test-jars (server-node's fixture, llm-node's tiny model) are test code too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.raftpad");
  }

  @Test
  void raftDependsOnNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.raftpad.raft..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.raftpad.raft..")
        .check(raftpad);
  }

  /**
   * The raft core is a pure state machine (ARCHITECTURE.md invariants): no files, sockets, threads,
   * clocks or randomness of its own; time is tick() and randomness is injected.
   */
  @Test
  void raftCoreDoesNoIoThreadsClocksOrRandomness() {
    noClasses()
        .that()
        .resideInAPackage("dev.raftpad.raft.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.nio.file..", "java.nio.channels..", "java.net..", "java.util.concurrent..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.RandomAccessFile")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.Thread")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.SplittableRandom")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.security.SecureRandom")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("java.time..")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(Math.class, "random")
        .check(raftpad);
  }

  @Test
  void documentDependsOnlyOnTheJdkAndSmallPureLibraries() {
    classes()
        .that()
        .resideInAPackage("dev.raftpad.document..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.raftpad.document..", "com.github.difflib..")
        .check(raftpad);
  }

  @Test
  void generatedProtobufTypesNeverAppearInRaftOrDocument() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.raftpad.raft..", "dev.raftpad.document..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.raftpad.proto..", "com.google.protobuf..", "io.grpc..")
        .check(raftpad);
  }

  @Test
  void desktopAppNeverReachesRaftOrTheServer() {
    noClasses()
        .that()
        .resideInAPackage("dev.raftpad.desktop..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.raftpad.raft..", "dev.raftpad.server..", "dev.raftpad.llm..")
        .check(raftpad);
  }

  @Test
  void viewModelsNeverTouchTheSceneGraph() {
    noClasses()
        .that()
        .resideInAPackage("dev.raftpad.desktop.viewmodel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .check(raftpad);
  }

  @Test
  void clientAndLlmNodeStayOutOfEachOthersAndTheServersInternals() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.raftpad.client..", "dev.raftpad.llm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.raftpad.raft..", "dev.raftpad.server..", "javafx..")
        .check(raftpad);
  }

  @Test
  void codecIsOnlyTheMappingBetweenProtobufAndTheDocumentModel() {
    classes()
        .that()
        .resideInAPackage("dev.raftpad.codec..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.raftpad.codec..",
            "dev.raftpad.document..",
            "dev.raftpad.proto..",
            "com.google.protobuf..")
        .check(raftpad);
  }

  @Test
  void theRequestGuardDependsOnTheWireOnly() {
    classes()
        .that()
        .resideInAPackage("dev.raftpad.rpc..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.raftpad.rpc..",
            "dev.raftpad.proto..",
            "com.google.protobuf..",
            "com.google.rpc..",
            "io.grpc..",
            "org.slf4j..")
        .check(raftpad);
  }

  /** TLS preparation only: gRPC's credential API, BouncyCastle and the JDK, no Raftpad module. */
  @Test
  void tlsDependsOnGrpcApiAndBouncyCastleOnly() {
    classes()
        .that()
        .resideInAPackage("dev.raftpad.tls..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.net.ssl..",
            "javax.security.auth.x500..",
            "dev.raftpad.tls..",
            "io.grpc",
            "org.bouncycastle..")
        .check(raftpad);
  }

  @Test
  void theSdksInternalsAreReachedOnlyFromTheSdk() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.raftpad.client.sdk..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.raftpad.client.sdk.internal..")
        .check(raftpad);
  }

  @Test
  void productCodeNeverUsesTheTestkit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.raftpad.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.raftpad.testkit..")
        .check(raftpad);
  }
}
