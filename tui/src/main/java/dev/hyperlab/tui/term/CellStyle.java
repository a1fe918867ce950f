package dev.hyperlab.tui.term;

/**
 * A cell's look packed in one {@code long}, so a row of the screen is two flat arrays: foreground
 * and background colours (each the terminal's default, one of 256 indexed colours, or 24-bit RGB)
 * and the SGR flags.
 *
 * <p>Layout: bits 0-25 foreground, 26-51 background (each: bit 25 set = RGB in the low 24 bits,
 * else bit 24 set = indexed in the low 8 bits, else default), bits 52-59 flags.
 */
public final class CellStyle {
    public static final long DEFAULT = 0;
    public static final int BOLD = 1;
    public static final int DIM = 1 << 1;
    public static final int ITALIC = 1 << 2;
    public static final int UNDERLINE = 1 << 3;
    public static final int BLINK = 1 << 4;
    public static final int REVERSE = 1 << 5;
    public static final int HIDDEN = 1 << 6;
    public static final int STRIKE = 1 << 7;

    private static final int COLOR_BITS = 26;
    private static final long COLOR_MASK = (1L << COLOR_BITS) - 1;
    private static final int INDEXED = 1 << 24;
    private static final int RGB = 1 << 25;
    private static final int FLAGS_SHIFT = 2 * COLOR_BITS;

    private CellStyle() {}

    /** A colour that is the terminal's own default. */
    public static final int DEFAULT_COLOR = 0;

    public static int indexed(int n) { return INDEXED | (n & 0xff); }

    public static int rgb(int r, int g, int b) { return RGB | (r & 0xff) << 16 | (g & 0xff) << 8 | (b & 0xff); }

    public static boolean isDefault(int color) { return (color & (INDEXED | RGB)) == 0; }

    public static boolean isRgb(int color) { return (color & RGB) != 0; }

    /** The index 0-255 of an indexed colour. */
    public static int index(int color) { return color & 0xff; }

    /** 0xRRGGBB of an RGB colour. */
    public static int rgbValue(int color) { return color & 0xffffff; }

    public static int fg(long style) { return (int) (style & COLOR_MASK); }

    public static int bg(long style) { return (int) (style >>> COLOR_BITS & COLOR_MASK); }

    public static int flags(long style) { return (int) (style >>> FLAGS_SHIFT & 0xff); }

    public static long withFg(long style, int color) { return style & ~COLOR_MASK | color & COLOR_MASK; }

    public static long withBg(long style, int color) {
        return style & ~(COLOR_MASK << COLOR_BITS) | (color & COLOR_MASK) << COLOR_BITS;
    }

    public static long with(long style, int flag, boolean on) {
        long bit = (long) flag << FLAGS_SHIFT;
        return on ? style | bit : style & ~bit;
    }

    public static boolean has(long style, int flag) { return (flags(style) & flag) != 0; }

    /** What erasing leaves: blanks with the current background (as xterm does), no other attribute. */
    public static long erased(long style) { return withBg(DEFAULT, bg(style)); }
}
