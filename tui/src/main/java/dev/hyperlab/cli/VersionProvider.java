package dev.hyperlab.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hyperlab " + version()};
    }

    static String version() {
        String v = HyperlabCommand.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
