package dev.hyperlab.tui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, checked on the bytecode of every module (this module's classpath
 * holds them all), so that the picture a newcomer reads cannot drift from the code.
 */
class ArchitectureTest {

    /** The adapters behind core's ports: the only packages that may touch libvirt-java, JNA or docker-java. */
    private static final String[] ADAPTERS = {
            "dev.hyperlab.core.vm.libvirt..", "dev.hyperlab.core.container.docker..", "dev.hyperlab.core.host.linux.."};

    /** Known debt, not a pattern to copy: each line is a package allowed what only an adapter may do. */
    private static final String[] TEMPORARY_ADAPTERS = {
            // none: the TUI's own VM listing (tui.data.libvirt) moved behind the Hypervisor port
    };

    private static final String[] THIRD_PARTY_SYSTEMS = {"org.libvirt..", "com.sun.jna..", "com.github.dockerjava.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // In 'mvn verify' core's test kit (LeakCheck, fakes) arrives as hyperlab-core-*-tests.jar,
            // which DO_NOT_INCLUDE_TESTS does not recognise: test code is not the architecture.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.hyperlab");

    @Test
    void imagesAndCloudInitAreLeavesThatImportNoOtherHyperlabModule() {
        noClasses().that().resideInAPackage("dev.hyperlab.images..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hyperlab.cloudinit..", "dev.hyperlab.core..", "dev.hyperlab.tui..", "dev.hyperlab.cli..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.hyperlab.cloudinit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hyperlab.images..", "dev.hyperlab.core..", "dev.hyperlab.tui..", "dev.hyperlab.cli..")
                .check(MAIN);
    }

    @Test
    void onlyTheAdaptersImportLibvirtJnaOrDockerJava() {
        noClasses().that().resideOutsideOfPackages(concat(ADAPTERS, TEMPORARY_ADAPTERS))
                .should().dependOnClassesThat().resideInAnyPackage(THIRD_PARTY_SYSTEMS)
                .check(MAIN);
    }

    @Test
    void theTuiAndTheCliImportNoAdapter() {
        noClasses().that().resideInAnyPackage("dev.hyperlab.tui..", "dev.hyperlab.cli..")
                .and().resideOutsideOfPackages(TEMPORARY_ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(MAIN);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.hyperlab.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theArchitectureDocListsExactlyThePackagesThatHoldCode() throws IOException {
        Set<String> inCode = MAIN.stream().map(JavaClass::getPackageName)
                .map(name -> name.substring("dev.hyperlab.".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> inDoc = packagesListedIn(architectureDoc());
        assertTrue(inDoc.size() > 10, "no package table found in docs/architecture.md: " + inDoc);

        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(inDoc);
        Set<String> gone = new TreeSet<>(inDoc);
        gone.removeAll(inCode);
        assertEquals("", (undocumented.isEmpty() ? "" : "packages missing from docs/architecture.md: " + undocumented + "\n")
                        + (gone.isEmpty() ? "" : "docs/architecture.md lists packages with no code: " + gone),
                "the package table in docs/architecture.md and the code disagree");
    }

    /**
     * The first cell of each row of the table under "## Packages" names one or more packages, each in
     * backticks and without the {@code dev.hyperlab.} prefix.
     */
    static Set<String> packagesListedIn(List<String> doc) {
        Pattern backticked = Pattern.compile("`([a-z][a-z0-9.]*)`");
        Set<String> packages = new TreeSet<>();
        boolean inSection = false;
        for (String line : doc) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Packages");
            } else if (inSection && line.startsWith("|") && !line.startsWith("|---")) {
                String firstCell = line.substring(1, line.indexOf('|', 1));
                Matcher m = backticked.matcher(firstCell);
                while (m.find()) {
                    packages.add(m.group(1));
                }
            }
        }
        return packages;
    }

    private static List<String> architectureDoc() throws IOException {
        // Surefire runs in the module's directory; the doc is at the root of the reactor.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/architecture.md");
            if (Files.isRegularFile(doc)) {
                return Files.readAllLines(doc);
            }
        }
        throw new IOException("docs/architecture.md not found above " + Path.of("").toAbsolutePath());
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
