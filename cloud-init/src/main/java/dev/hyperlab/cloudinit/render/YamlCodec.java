package dev.hyperlab.cloudinit.render;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The one place YAML is read and written, with settings that keep strings strings (see tests). */
public final class YamlCodec {
    /** Refuse absurd inputs early; the seed size limit applies to the rendered result anyway. */
    private static final int MAX_CODE_POINTS = 32 * 1024 * 1024;

    private YamlCodec() {}

    /** Block-style YAML ending in a newline; no anchors/aliases, no line folding, UTF-8 text kept as is. */
    public static String dump(Object data) {
        DumperOptions d = dumperOptions();
        return yaml(d).dump(data);
    }

    /** Parses one document with PyYAML's scalar rules; duplicate keys are an error, as they are a typo. */
    public static Object load(String text) {
        return yaml(dumperOptions()).load(text);
    }

    private static Yaml yaml(DumperOptions d) {
        LoaderOptions l = new LoaderOptions();
        l.setAllowDuplicateKeys(false);
        l.setCodePointLimit(MAX_CODE_POINTS);
        l.setMaxAliasesForCollections(100);
        l.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(l), new SafeStringRepresenter(d), d, l, new PyYamlResolver());
    }

    private static DumperOptions dumperOptions() {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        d.setIndent(2);
        d.setIndicatorIndent(0);
        d.setIndentWithIndicator(false);
        d.setAllowUnicode(true);
        d.setSplitLines(false);
        d.setWidth(Integer.MAX_VALUE);
        d.setDereferenceAliases(true);
        d.setLineBreak(DumperOptions.LineBreak.UNIX);
        return d;
    }
}
