package dev.hyperlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check this host: accelerator, libvirt, container engine, disk.")
final class DoctorCommand implements Callable<Integer> {
    @Override public Integer call() { return 0; }
}
