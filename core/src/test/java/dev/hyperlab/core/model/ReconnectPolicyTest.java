package dev.hyperlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    @Test
    @DisplayName("attempts are spaced by a doubling delay that stops at the maximum")
    void delaysDoubleUpToTheMaximum() {
        ReconnectPolicy p = new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60));
        List<Long> ms = IntStream.rangeClosed(1, 8).mapToObj(p::delayAfter).map(Duration::toMillis).toList();
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L), ms);
        assertEquals(Duration.ofSeconds(5), p.delayAfter(10_000), "no overflow after many attempts");
    }

    @Test
    @DisplayName("a policy whose maximum is below its first delay is refused")
    void badPolicyIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }
}
