package io.vertxcenter.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package structure of everything center.jar holds, as a newcomer relies on it: every command in
 * {@code cli}, and no package cycle (cli -> local, bench -> connect -> common; cli -> node ->
 * node.http, node.bridge -> the roles -> common), so each package can be read knowing only the ones
 * below it.
 */
class PackageStructureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.vertxcenter");

  @Test
  @DisplayName("no two io.vertxcenter packages depend on each other, directly or through others")
  void noPackageCycles() {
    slices().matching("io.vertxcenter.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  @DisplayName("picocli commands and options live in the cli package only")
  void commandsOnlyInCli() {
    noClasses().that().resideOutsideOfPackage("io.vertxcenter.cli")
        .should().dependOnClassesThat().resideInAPackage("picocli..")
        .check(CLASSES);
  }
}
