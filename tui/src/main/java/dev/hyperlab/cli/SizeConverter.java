package dev.hyperlab.cli;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Sizes;
import picocli.CommandLine;

/** "512M", "1G", "1.5G" -> bytes (binary units, bare numbers are bytes); bad input is a usage error. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Sizes.parse(value);
        } catch (HyperlabException e) {
            throw new CommandLine.TypeConversionException(e.userMessage());
        }
    }
}
