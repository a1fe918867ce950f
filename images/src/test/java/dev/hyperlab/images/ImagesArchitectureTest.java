package dev.hyperlab.images;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of docs/architecture.md that this module can check on its own, read from its bytecode. */
class ImagesArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hyperlab.images");

    @Test
    void imagesIsALeafThatImportsNoOtherHyperlabModule() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.hyperlab.cloudinit..", "dev.hyperlab.core..", "dev.hyperlab.tui..", "dev.hyperlab.cli..")
                .check(MAIN);
    }

    @Test
    void imagesPackagesHaveNoCycles() {
        slices().matching("dev.hyperlab.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
