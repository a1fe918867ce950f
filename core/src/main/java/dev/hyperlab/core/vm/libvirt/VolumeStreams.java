package dev.hyperlab.core.vm.libvirt;

import java.io.IOException;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/** Moving a volume's bytes through libvirt streams: what uploads, downloads and copies share. */
final class VolumeStreams {
    /** Bytes per stream send or receive. */
    static final int CHUNK = 256 * 1024;

    private VolumeStreams() {}

    /** Where received bytes go: a file, or another stream. */
    interface Sink {
        void accept(byte[] buf, int off, int n) throws IOException, LibvirtException;
    }

    /** Receives until the stream ends, handing each chunk to {@code sink}. */
    static void receiveAll(Stream down, Sink sink) throws IOException, LibvirtException {
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = down.receive(buf)) > 0) {
            sink.accept(buf, 0, n);
        }
        if (n < 0) {
            throw new IOException("stream receive failed");
        }
    }

    /** Sends the first {@code n} bytes of {@code buf}; a stream may take fewer at a time. */
    static void sendAll(Stream st, byte[] buf, int n) throws IOException, LibvirtException {
        int off = 0;
        while (off < n) {
            int sent = st.send(off == 0 && n == buf.length ? buf : java.util.Arrays.copyOfRange(buf, off, n));
            if (sent < 0) {
                throw new IOException("stream send failed");
            }
            off += sent;
        }
    }

    static void abortQuietly(Stream st) {
        try {
            st.abort();
        } catch (LibvirtException ignored) {
            // already broken or finished; the volume written to is deleted by the caller
        }
    }

    /** The bytes a download of {@code v} sends: the file's length ({@code physical} in the volume XML). */
    static long fileSize(StorageVol v) throws LibvirtException {
        String xml = v.getXMLDesc(0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<physical unit='bytes'>(\\d+)</physical>").matcher(xml);
        if (m.find()) {
            return Long.parseLong(m.group(1));
        }
        return v.getInfo().allocation; // an older libvirt without <physical>: a fully allocated file
    }
}
