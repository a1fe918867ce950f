package dev.hyperlab.tui.view;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.BootImage;
import dev.hyperlab.core.lab.ImageResolver;
import java.nio.file.Path;
import java.util.Optional;

/** One image, "tiny": the test driver never reads the base disk, so its path needs no file. */
final class TinyImage implements ImageResolver {
    static final String NAME = "tiny";
    static final long SIZE = 64L << 20;

    @Override
    public BootImage resolve(String name) {
        if (!NAME.equals(name)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "image '" + name + "' not found",
                    "try 'hyperlab image list'");
        }
        return new BootImage(NAME, Path.of("/hl-tui-test/tiny.qcow2"), SIZE, Optional.of(Path.of("/hl-tui-test/vmlinuz")),
                Optional.of(Path.of("/hl-tui-test/initrd.img")), Optional.of("root=/dev/vda console=ttyS0"));
    }
}
