package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.wait.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Waits for an SSH banner on a loopback port (the only address hyperlab probes: see the network rule). */
final class SshBanner {
    private SshBanner() {}

    /** True once "SSH-" is read from 127.0.0.1:port; false when the deadline (nano-clock) passes or interrupted. */
    static boolean await(int port, long deadlineNanos, LongSupplier nanoClock) {
        Wait wait = Wait.until(deadlineNanos, nanoClock, Wait.Sleeper.REAL, Cancellation.NONE, "waiting for SSH");
        try {
            return wait.poll(Duration.ofSeconds(1), () -> bannerAt(port));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean bannerAt(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4];
            int n = in.readNBytes(buf, 0, 4);
            return n == 4 && new String(buf, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false; // not listening yet (user-mode NIC accepts, then closes until sshd runs)
        }
    }
}
