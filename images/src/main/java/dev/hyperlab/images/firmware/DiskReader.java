package dev.hyperlab.images.firmware;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a guest disk by guest offset, whatever the file's format: a raw disk byte for byte, a qcow2
 * through its cluster mapping ({@link Qcow2DiskReader}). Only what firmware detection needs: the
 * first sectors, the partition table and a FAT file system's directories.
 */
public interface DiskReader extends AutoCloseable {
    /** The size the guest sees, in bytes. */
    long size();

    /** Fills {@code buf} from guest offset {@code offset}; past the end reads as zeros. */
    void read(long offset, byte[] buf) throws IOException;

    default byte[] read(long offset, int length) throws IOException {
        byte[] b = new byte[length];
        read(offset, b);
        return b;
    }

    @Override void close() throws IOException;

    /** Opens {@code disk} as qcow2 when it starts with qcow2's magic, else as a raw disk. */
    static DiskReader open(Path disk) {
        try {
            byte[] magic = new byte[4];
            try (InputStream in = Files.newInputStream(disk)) {
                if (in.readNBytes(magic, 0, 4) == 4 && Qcow2DiskReader.isQcow2(magic)) {
                    return Qcow2DiskReader.open(disk);
                }
            }
            return new RawDiskReader(disk);
        } catch (IOException e) {
            throw ImageException.failed("reading the disk " + disk + " failed: " + e.getMessage()
                    + "; try 'qemu-img check " + disk + "'", e);
        }
    }
}
