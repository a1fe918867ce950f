package dev.hyperlab.core.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/** Waits for an SSH banner on a loopback port (the only address hyperlab probes: see the network rule). */
final class SshBanner {
    private SshBanner() {}

    /** True once "SSH-" is read from 127.0.0.1:port; false when the deadline (nano-clock) passes or interrupted. */
    static boolean await(int port, long deadlineNanos, LongSupplier nanoClock) {
        while (nanoClock.getAsLong() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                s.setSoTimeout(3000);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4];
                int n = in.readNBytes(buf, 0, 4);
                if (n == 4 && new String(buf, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet (user-mode NIC accepts, then closes until sshd runs)
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
