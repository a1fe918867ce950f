package dev.hyperlab.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HyperlabCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hyperlab " + (v == null ? "(development build)" : v)};
    }
}
