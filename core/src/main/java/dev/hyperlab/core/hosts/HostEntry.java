package dev.hyperlab.core.hosts;

/** One host of the hosts file: its name and the libvirt URI (or alias) hyperlab connects to. */
public record HostEntry(String name, String uri) {
    public HostEntry {
        HostName.check(name);
    }
}
