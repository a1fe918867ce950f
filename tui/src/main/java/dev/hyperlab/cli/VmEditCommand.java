package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.VmService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code vm edit NAME}, as {@code virsh edit}: the persistent definition in {@code $VISUAL} or
 * {@code $EDITOR} (else vi), checked by libvirt against its schema when saved. A refused edit keeps
 * the old definition; at a terminal the editor opens again on what was written, so the work is not
 * lost.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit a VM's libvirt definition in $VISUAL or $EDITOR (else vi). It is validated before it",
                "is saved; a refused edit keeps the old one. A running VM takes the change at its next boot."})
final class VmEditCommand extends VmCommand.Base {
    @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;

    @Override Integer run(VmService svc) throws IOException, InterruptedException {
        String before = svc.definition(name);
        Path dir = Files.createTempDirectory("hyperlab-edit-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve(name + ".xml");
        try {
            Files.writeString(file, before, StandardCharsets.UTF_8);
            while (true) {
                runEditor(file);
                String after = Files.readString(file, StandardCharsets.UTF_8);
                if (after.equals(before)) {
                    out().println("no changes to " + name);
                    return 0;
                }
                try {
                    svc.redefine(name, after);
                    out().println("saved the definition of " + name
                            + (svc.info(name).isRunning() ? " (a running VM takes it at its next boot)" : ""));
                    return 0;
                } catch (HyperlabException e) {
                    if (System.console() == null || !again(e)) {
                        throw new HyperlabException(e.code(), e.getMessage() + "; the old definition is kept",
                                e.hint(), e);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private boolean again(HyperlabException e) {
        out().println("error: " + e.getMessage());
        out().print("edit again? [y/N] ");
        out().flush();
        String answer = System.console().readLine();
        return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    /** The editor runs through sh, so EDITOR may carry arguments ("code --wait"), as git allows. */
    private static void runEditor(Path file) throws IOException, InterruptedException {
        String editor = firstSet(System.getenv("VISUAL"), System.getenv("EDITOR"), "vi");
        Process p = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "the editor (" + editor + ") exited with status " + rc
                    + "; nothing was saved", "try EDITOR=nano");
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "vi";
    }
}
