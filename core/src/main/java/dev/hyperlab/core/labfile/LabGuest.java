package dev.hyperlab.core.labfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One guest of a lab, after {@code count} has been expanded ({@code worker} with count 3 is three
 * guests, {@code worker-1} to {@code worker-3}). Each field means what the {@code vm create} or
 * {@code ct create} option of the same name means; an empty one takes that command's default.
 *
 * @param name       the guest's name on the host and its hostname
 * @param group      the name written in the file: the same as {@code name} unless {@code count} was given
 * @param image      for a guest with a {@code template}: the default image, unused (the template's is)
 * @param template   a VM made as an instant clone of this template ({@code vm create --from-template})
 * @param dependsOn  guest names (already expanded) that must be ready before this one starts
 * @param fieldMarks where each field's value was written, for messages about it
 */
public record LabGuest(
        String name,
        String group,
        LabGuestKind kind,
        String image,
        Optional<String> template,
        OptionalDouble cpus,
        OptionalLong memoryBytes,
        OptionalLong diskBytes,
        Optional<String> user,
        List<Path> sshKeys,
        Optional<Path> cloudConfig,
        List<String> runcmd,
        List<String> command,
        List<NetworkAttachment> networks,
        List<PortForward> ports,
        List<String> dependsOn,
        SourceMark mark,
        Map<String, SourceMark> fieldMarks) {

    public LabGuest {
        sshKeys = List.copyOf(sshKeys);
        runcmd = List.copyOf(runcmd);
        command = List.copyOf(command);
        networks = List.copyOf(networks);
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
        fieldMarks = Map.copyOf(fieldMarks);
    }

    /** Whether this guest is an instant clone of a template rather than a VM booted from its image. */
    public boolean isClone() {
        return template.isPresent();
    }

    /** Where {@code field} was written for this guest (or in {@code defaults:}); the guest's own mark otherwise. */
    public SourceMark markOf(String field) {
        return fieldMarks.getOrDefault(field, mark);
    }
}
