package dev.hyperlab.images.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** A raw disk image: guest offset = file offset. */
final class RawDiskReader implements DiskReader {
    private final FileChannel ch;
    private final long size;

    RawDiskReader(Path file) throws IOException {
        this.ch = FileChannel.open(file, StandardOpenOption.READ);
        this.size = ch.size();
    }

    @Override public long size() { return size; }

    @Override public void read(long offset, byte[] buf) throws IOException {
        Arrays.fill(buf, (byte) 0);
        ByteBuffer b = ByteBuffer.wrap(buf);
        long pos = offset;
        while (b.hasRemaining() && pos < size) {
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
    }

    @Override public void close() throws IOException { ch.close(); }
}
