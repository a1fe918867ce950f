package dev.hyperlab.core.labfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a lab file may say, and how each mistake in one is reported: file, line, column, field and a hint. */
class LabFileParserTest {
    static final Path FILE = Path.of("/labs/web-lab/hyperlab.yaml");

    static LabFile parse(String yaml) {
        return LabFileParser.parse(yaml, FILE);
    }

    /** The one message a refused file gives, as the CLI prints it. */
    static String refusal(String yaml) {
        HyperlabException e = assertThrows(HyperlabException.class, () -> parse(yaml));
        assertTrue(e.isUsageError(), "a bad lab file is a usage error (exit 2)");
        return e.getMessage();
    }

    @Nested
    @DisplayName("a valid lab file")
    class Valid {
        static final String EXAMPLE = """
                name: web-lab
                networks:
                  lan: {subnet: 192.168.150.0/24}
                guests:
                  web:
                    kind: vm
                    image: debian-12
                    cpus: 2
                    memory: 1G
                    user: alice
                    networks: [lan]
                    ports: ["127.0.0.1:8080:80"]
                    runcmd: ["echo hello > /srv/hello"]
                  queue:
                    kind: app
                    command: ["sleep", "infinity"]
                  db:
                    kind: system
                    networks: {lan: {ip: 192.168.150.20}}
                  worker:
                    kind: system
                    count: 3
                    depends-on: [db]
                """;

        @Test
        void readsTheIssuesExampleWithEveryField() {
            LabFile lab = parse(EXAMPLE);
            assertEquals("web-lab", lab.name());
            assertEquals("192.168.150.0/24", lab.networks().get("lan").subnet().orElseThrow().toString());
            assertEquals(List.of("web", "queue", "db", "worker-1", "worker-2", "worker-3"),
                    lab.guests().stream().map(LabGuest::name).toList());
            LabGuest web = lab.guest("web").orElseThrow();
            assertEquals(LabGuestKind.VM, web.kind());
            assertEquals(2.0, web.cpus().orElseThrow());
            assertEquals(1L << 30, web.memoryBytes().orElseThrow());
            assertEquals("alice", web.user().orElseThrow());
            assertEquals(List.of(new PortForward("127.0.0.1", 8080, 80, "tcp")), web.ports());
            assertEquals(List.of("sleep", "infinity"), lab.guest("queue").orElseThrow().command());
            assertEquals("192.168.150.20", lab.guest("db").orElseThrow().networks().get(0).addressText().orElseThrow());
            assertEquals(List.of("db"), lab.guest("worker-2").orElseThrow().dependsOn());
            assertEquals("worker", lab.guest("worker-2").orElseThrow().group());
        }

        @Test
        void startsEachGuestOnceWhatItDependsOnIsReady() {
            List<List<String>> waves = parse(EXAMPLE).startWaves().stream()
                    .map(w -> w.stream().map(LabGuest::name).toList()).toList();
            assertEquals(List.of(List.of("web", "queue", "db"), List.of("worker-1", "worker-2", "worker-3")), waves);
        }

        @Test
        void namesTheLabAfterItsDirectoryWhenTheFileDoesNot() {
            LabFile lab = LabFileParser.parse("guests: {web: {}}", Path.of("/home/me/My Lab_2/hyperlab.yaml"));
            assertEquals("my-lab-2", lab.name());
        }

        @Test
        void givesEachFieldTheDefaultOfVmCreate() {
            LabGuest web = parse("guests: {web: }").guest("web").orElseThrow();
            assertEquals(LabGuestKind.VM, web.kind());
            assertEquals("debian-12", web.image());
            assertTrue(web.memoryBytes().isEmpty() && web.cpus().isEmpty() && web.networks().isEmpty());
        }

        @Test
        void appliesDefaultsToEveryGuestUnlessItSaysOtherwise() {
            LabFile lab = parse("""
                    defaults: {memory: 512M, user: dev, kind: system}
                    guests:
                      a: {}
                      b: {memory: 2G, kind: vm}
                    """);
            assertEquals(512L << 20, lab.guest("a").orElseThrow().memoryBytes().orElseThrow());
            assertEquals(LabGuestKind.SYSTEM, lab.guest("a").orElseThrow().kind());
            assertEquals(2L << 30, lab.guest("b").orElseThrow().memoryBytes().orElseThrow());
            assertEquals("dev", lab.guest("b").orElseThrow().user().orElseThrow());
        }

        @Test
        void readsPortsAsWrittenNotAsYamlBase60Numbers() {
            // Unquoted 8080:80 is the integer 483680 in YAML 1.1; Compose users write it unquoted.
            LabGuest g = parse("guests: {web: {ports: [8080:80, 5353:53/udp]}}").guest("web").orElseThrow();
            assertEquals(List.of(new PortForward("127.0.0.1", 8080, 80, "tcp"), new PortForward("127.0.0.1", 5353, 53, "udp")),
                    g.ports());
        }

        @Test
        void resolvesFilesAgainstTheLabFilesDirectory() {
            LabGuest g = parse("guests: {web: {cloud-config: conf/web.yaml, ssh-keys: keys/me.pub}}").guest("web").orElseThrow();
            assertEquals(Path.of("/labs/web-lab/conf/web.yaml"), g.cloudConfig().orElseThrow());
            assertEquals(List.of(Path.of("/labs/web-lab/keys/me.pub")), g.sshKeys());
        }

        @Test
        void letsAContainerHaveAFractionOfACpu() {
            assertEquals(0.5, parse("guests: {q: {kind: app, cpus: 0.5}}").guest("q").orElseThrow().cpus().orElseThrow());
        }
    }

    @Nested
    @DisplayName("a lab file is refused, naming the file, line, column and field, when it has")
    class Refused {
        @Test
        void anUnknownKeyWithTheKeyItProbablyMeant() {
            assertEquals("lab file hyperlab.yaml is invalid: hyperlab.yaml:3:5: guests.web.memroy: unknown key;"
                    + " did you mean 'memory'?", refusal("""
                    guests:
                      web:
                        memroy: 1G
                    """));
        }

        @Test
        void anUnknownTopLevelKey() {
            assertTrue(refusal("guest: {web: {}}").contains("hyperlab.yaml:1:1: guest: unknown key; did you mean 'guests'?"));
        }

        @Test
        void aKeyGivenTwice() {
            assertTrue(refusal("""
                    guests:
                      web: {}
                      web: {}
                    """).contains("hyperlab.yaml:3:3: guests.web: is given twice (first at line 2)"));
        }

        @Test
        void aNameThatCountExpandsIntoADuplicate() {
            assertTrue(refusal("""
                    guests:
                      worker-2: {kind: system}
                      worker: {kind: system, count: 3}
                    """).contains("guests.worker: makes a guest named 'worker-2', which 'worker-2' makes too"));
        }

        @Test
        void aBadGuestName() {
            assertTrue(refusal("guests: {Web_1: {}}").contains("guests.Web_1: bad guest name"));
        }

        @Test
        void aBadSize() {
            String m = refusal("guests: {web: {memory: lots}}");
            assertTrue(m.contains("hyperlab.yaml:1:24: guests.web.memory: bad size 'lots'; try a number with a unit"), m);
        }

        @Test
        void anUnknownKind() {
            assertTrue(refusal("guests: {web: {kind: lxc}}").contains("guests.web.kind: unknown kind 'lxc'; try vm, system or app"));
        }

        @Test
        void aFieldThatDoesNotApplyToTheGuestsKind() {
            assertTrue(refusal("guests: {web: {kind: vm, command: [sleep, 1]}}")
                    .contains("guests.web.command: is only for kind app, and this guest is vm"));
            assertTrue(refusal("guests: {q: {kind: app, runcmd: [x]}}").contains("guests.q.runcmd: does not apply to kind app"));
        }

        @Test
        void overlappingLabSubnets() {
            assertTrue(refusal("""
                    networks:
                      a: {subnet: 192.168.150.0/24}
                      b: {subnet: 192.168.150.128/25}
                    guests: {web: {}}
                    """).contains("hyperlab.yaml:3:3: networks.b.subnet: subnet 192.168.150.128/25 overlaps a's 192.168.150.0/24"));
        }

        @Test
        void aSubnetThatIsNotOne() {
            assertTrue(refusal("networks: {lan: {subnet: 192.168.150.1/24}}\nguests: {web: {}}")
                    .contains("networks.lan.subnet: bad subnet '192.168.150.1/24': not an IPv4 network in CIDR form with its host bits zero"));
            assertTrue(refusal("networks: {lan: {subnet: 10.0.0.0/8}}\nguests: {web: {}}")
                    .contains("lab networks take /16 to /29"));
        }

        @Test
        void aStaticAddressOutsideItsSubnet() {
            String m = refusal("""
                    networks: {lan: {subnet: 192.168.150.0/24}}
                    guests:
                      db: {networks: {lan: {ip: 192.168.151.20}}}
                    """);
            assertTrue(m.contains("hyperlab.yaml:3:29: guests.db.networks.lan.ip: address 192.168.151.20 is not a guest address of 192.168.150.0/24"), m);
        }

        @Test
        void theGatewayAsAStaticAddress() {
            assertTrue(refusal("networks: {lan: {subnet: 192.168.150.0/24}}\nguests: {db: {networks: {lan: {ip: 192.168.150.1}}}}")
                    .contains("the network, gateway .1 and broadcast addresses are taken"));
        }

        @Test
        void aStaticAddressUsedTwice() {
            assertTrue(refusal("""
                    networks: {lan: {subnet: 192.168.150.0/24}}
                    guests:
                      a: {networks: {lan: {ip: 192.168.150.20}}}
                      b: {networks: {lan: {ip: 192.168.150.20}}}
                    """).contains("guests.b.networks.lan.ip: address 192.168.150.20 is already given to 'a'"));
        }

        @Test
        void aStaticAddressForSeveralGuests() {
            assertTrue(refusal("""
                    networks: {lan: {subnet: 192.168.150.0/24}}
                    guests:
                      w: {kind: system, count: 2, networks: {lan: {ip: 192.168.150.20}}}
                    """).contains("a static address cannot be shared by 2 guests (count)"));
        }

        @Test
        void aStaticAddressOnANetworkWithoutSubnet() {
            assertTrue(refusal("networks: {lan: {}}\nguests: {db: {networks: {lan: {ip: 192.168.150.20}}}}")
                    .contains("on network 'lan', which has no subnet; try giving networks.lan a subnet"));
        }

        @Test
        void anUnknownNetwork() {
            assertTrue(refusal("networks: {lan: {}}\nguests: {web: {networks: [lam]}}")
                    .contains("guests.web.networks: unknown network 'lam'; did you mean 'lan'?"));
        }

        @Test
        void aDependsOnCycle() {
            String m = refusal("""
                    guests:
                      a: {depends-on: [b]}
                      b: {depends-on: [c]}
                      c: {depends-on: [a]}
                    """);
            assertTrue(m.contains("guests.a.depends-on: dependency cycle: a -> b -> c -> a"), m);
        }

        @Test
        void aGuestThatDependsOnItself() {
            assertTrue(refusal("guests: {a: {depends-on: [a]}}").contains("dependency cycle: a -> a"));
        }

        @Test
        void aDependencyOnAnUnknownGuest() {
            assertTrue(refusal("guests: {db: {}, web: {depends-on: [bd]}}")
                    .contains("guests.web.depends-on: unknown guest 'bd'; did you mean 'db'?"));
        }

        @Test
        void aBadPortForward() {
            assertTrue(refusal("guests: {web: {ports: [\"8080:99999\"]}}").contains("guests.web.ports[0]: bad port forward '8080:99999'"));
            assertTrue(refusal("guests: {web: {ports: [\"8080:80\", \"8080:81\"]}}").contains("host port 8080 is forwarded twice"));
        }

        @Test
        void aVmWithAFractionalCpu() {
            assertTrue(refusal("guests: {web: {cpus: 1.5}}").contains("guests.web.cpus: a VM takes 1 to 64 whole vCPUs, not '1.5'"));
        }

        @Test
        void rootAsTheLoginUser() {
            assertTrue(refusal("guests: {web: {user: root}}").contains("guests.web.user: bad login user 'root'"));
        }

        @Test
        void noGuests() {
            assertTrue(refusal("name: empty").contains("guests: is missing: a lab needs at least one guest"));
            assertTrue(refusal("guests: {}").contains("guests: is empty"));
        }

        @Test
        void brokenYamlWithWhereItBroke() {
            String m = refusal("guests:\n  web: {kind: vm\n  db: {}\n");
            assertTrue(m.startsWith("lab file hyperlab.yaml:3:5 is not valid YAML"), m);
        }

        @Test
        void nothingAtAll() {
            assertTrue(refusal("").contains("lab file hyperlab.yaml is empty"));
        }

        @Test
        void everyProblemAtOnce() {
            String m = refusal("""
                    guests:
                      web: {memory: lots, cpus: 0}
                      db: {kind: lxc}
                    """);
            assertTrue(m.startsWith("lab file hyperlab.yaml is invalid (3 problems):"), m);
        }

        @Test
        void aBadLabName() {
            assertTrue(refusal("name: Web Lab\nguests: {web: {}}").contains("name: bad lab name 'Web Lab'"));
        }
    }

    @Test
    void aMissingFileSaysHowToGiveOne(@org.junit.jupiter.api.io.TempDir Path dir) {
        HyperlabException e = assertThrows(HyperlabException.class, () -> LabFileParser.read(dir.resolve("hyperlab.yaml")));
        assertTrue(e.userMessage().contains("does not exist; try -f FILE, or write a hyperlab.yaml here"), e.userMessage());
        assertFalse(e.userMessage().contains("Exception"));
    }

    @Nested
    @DisplayName("a guest with template:")
    class Clones {
        @Test
        @DisplayName("is a VM cloned from the template, on its one network; an image from defaults: is not its own")
        void aCloneGuest() {
            LabFile lab = parse("name: l\nnetworks:\n  lan: {}\ndefaults:\n  image: debian-12\nguests:\n"
                    + "  web:\n    template: base\n    networks: [lan]\n    runcmd: [echo hi]\n  db: {}\n");
            LabGuest web = lab.guest("web").orElseThrow();
            assertTrue(web.isClone());
            assertEquals(java.util.Optional.of("base"), web.template());
            assertEquals(LabGuestKind.VM, web.kind());
            assertFalse(lab.guest("db").orElseThrow().isClone(), "a guest without template: boots its image");
        }

        @Test
        @DisplayName("refuses an image, a cloud-config, two networks, a container and a bad name, each with its line")
        void conflicts() {
            String m = refusal("name: l\nnetworks:\n  a: {}\n  b: {}\nguests:\n"
                    + "  web:\n    template: base\n    image: debian-12\n    cloud-config: web.yaml\n    networks: [a, b]\n"
                    + "  box:\n    kind: system\n    template: base\n"
                    + "  odd:\n    template: Bad_Name\n");
            assertTrue(m.contains("hyperlab.yaml:8:12: guests.web.image: a clone's image is its template's ('base')"), m);
            assertTrue(m.contains("hyperlab.yaml:9:19: guests.web.cloud-config: cloud-init does not run in a clone of template"
                    + " 'base'"), m);
            assertTrue(m.contains("hyperlab.yaml:10:15: guests.web.networks: a clone joins one network, not 2"), m);
            assertTrue(m.contains("hyperlab.yaml:13:15: guests.box.template: is only for kind vm, and this guest is system"), m);
            assertTrue(m.contains("hyperlab.yaml:15:15: guests.odd.template: bad template name 'Bad_Name'"), m);
        }
    }
}
