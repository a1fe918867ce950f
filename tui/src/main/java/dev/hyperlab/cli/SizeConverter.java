package dev.hyperlab.cli;

import java.util.Locale;
import picocli.CommandLine;

/** "512M", "1G", "1.5GiB", "1073741824" -> bytes (binary units); bad input is a usage error. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long mult = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult > 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            double d = Double.parseDouble(v);
            if (d <= 0 || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return (long) (d * mult);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size; try 512M or 1G");
        }
    }
}
