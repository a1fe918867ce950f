package dev.hyperlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Hidden: writes the man pages' AsciiDoc sources with picocli-codegen's ManPageGenerator, from the
 * same model as --help (built-in defaults, not this machine's config). scripts/man.sh turns them
 * into roff with asciidoctor; setup and the package install the result.
 */
@Command(name = "gen-docs", hidden = true, mixinStandardHelpOptions = true,
        description = "Write hyperlab(1) and one AsciiDoc man page per subcommand to DIR.")
final class GenDocsCommand implements Callable<Integer> {
    @Option(names = "--man", paramLabel = "DIR", required = true, description = "Where to write the .adoc files.")
    Path dir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        Files.createDirectories(dir);
        CommandLine root = Cli.createForDocs();
        return ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, root.getCommandSpec());
    }
}
