package dev.hyperlab.core.labfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses, subnets and port forwards as lab files write them. */
class SubnetAndPortsTest {
    @Test
    void aSubnetKnowsItsGatewayBroadcastAndGuests() {
        Subnet s = Subnet.parse("192.168.150.0/24").orElseThrow();
        assertEquals("192.168.150.1", Ipv4.format(s.gateway()));
        assertEquals("192.168.150.255", Ipv4.format(s.broadcast()));
        assertTrue(s.isGuestAddress(Ipv4.parse("192.168.150.20").orElseThrow()));
        assertFalse(s.isGuestAddress(s.gateway()));
        assertTrue(s.overlaps(Subnet.parse("192.168.0.0/16").orElseThrow()));
        assertFalse(s.overlaps(Subnet.parse("192.168.151.0/24").orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.168.1.0", "192.168.1.0/", "192.168.1.0/33", "192.168.1.1/24", "192.168.01.0/24",
            "256.1.1.0/24", "1.2.3/24", "a.b.c.d/24", "192.168.1.0/2x"})
    void refusesWhatIsNotASubnet(String text) {
        assertEquals(Optional.empty(), Subnet.parse(text));
    }

    @Test
    void aPortForwardBindsLoopbackUnlessAnAddressIsGiven() {
        assertEquals(new PortForward("127.0.0.1", 8080, 80, "tcp"), PortForward.parse("8080:80").orElseThrow());
        assertEquals(new PortForward("0.0.0.0", 53, 53, "udp"), PortForward.parse("0.0.0.0:53:53/udp").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "0:80", "8080:65536", "x:80", "8080:80/sctp", "::1:8080:80", "1.2.3:8080:80", "8080:80:90:1"})
    void refusesWhatIsNotAPortForward(String text) {
        assertEquals(Optional.empty(), PortForward.parse(text));
    }
}
