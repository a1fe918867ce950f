package dev.hyperlab.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md that core can check on its own, read from its bytecode (with the
 * leaves it depends on). The tui module's {@code ArchitectureTest} checks them all once more over every
 * module together.
 */
class CoreArchitectureTest {

    /** The adapters behind core's ports: the only packages that may touch libvirt-java, JNA or docker-java. */
    static final String[] ADAPTERS = {
            "dev.hyperlab.core.vm.libvirt..", "dev.hyperlab.core.container.docker..", "dev.hyperlab.core.host.linux.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hyperlab.core", "dev.hyperlab.images", "dev.hyperlab.cloudinit");

    @Test
    void onlyTheAdaptersImportLibvirtJnaOrDockerJava() {
        noClasses().that().resideOutsideOfPackages(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage("org.libvirt..", "com.sun.jna..", "com.github.dockerjava..")
                .check(MAIN);
    }

    @Test
    void coreImportsNothingOfTheProgramAboveIt() {
        noClasses().that().resideInAPackage("dev.hyperlab.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hyperlab.tui..", "dev.hyperlab.cli..")
                .check(MAIN);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.hyperlab.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
