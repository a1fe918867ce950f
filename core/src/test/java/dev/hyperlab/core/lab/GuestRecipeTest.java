package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.vm.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestRecipeTest {
    private final GuestRecipe recipe = new GuestRecipe("twin", "debian-12", 2, 1L << 30, Optional.of(4L << 30),
            Optional.of("dev"), List.of(Path.of("/k/id.pub")), Optional.of(Path.of("/c/my.yaml")), NetworkSpec.NONE);

    @Test
    void vmAndContainerGetTheSameConfiguration() {
        CreateVmRequest vm = recipe.vm();
        ContainerRequest ct = recipe.systemContainer();
        assertEquals(vm.name(), ct.name());
        assertEquals(vm.image(), ct.image());
        assertEquals(vm.cpus(), ct.cpus());
        assertEquals(vm.memoryBytes(), ct.memoryBytes());
        assertEquals(vm.user(), ct.loginUser());
        assertEquals(vm.sshKeyFiles(), ct.sshKeyFiles());
        assertEquals(vm.cloudConfig(), ct.cloudConfig());
        assertEquals(ContainerMode.SYSTEM, ct.mode());
        assertTrue(ct.user().isEmpty(), "systemd runs as the container's root; the login user is cloud-init's");
        assertEquals("none", ct.network());
        assertEquals(Optional.of(4L << 30), vm.diskBytes());
        assertTrue(vm.start() && vm.waitReady(), "the wizard follows the boot to ready");
    }

    @Test
    void aRecipeNeverPutsTheVmOnANamedNetwork() {
        assertThrows(IllegalArgumentException.class, () -> new GuestRecipe("x", "debian-12", 1, 1L << 30, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), new NetworkSpec.Named("default")));
    }

    @Test
    void imageTemplateColonTAsksForAnInstantCloneOfTForTheVmAndIsRefusedForAContainer() {
        GuestRecipe r = new GuestRecipe("web", "template:deb", 2, 1L << 30, Optional.empty(), Optional.of("me"), List.of(),
                Optional.empty(), NetworkSpec.USER);
        assertEquals(Optional.of("deb"), r.template());
        InstantCloneRequest c = r.instantClone();
        assertEquals("deb", c.template());
        assertEquals(Optional.of(2), c.cpus());
        assertEquals(Optional.of("me"), c.user());
        dev.hyperlab.core.error.HyperlabException e = assertThrows(dev.hyperlab.core.error.HyperlabException.class,
                r::requireImage);
        assertEquals(dev.hyperlab.core.error.ErrorCode.BAD_INPUT, e.code());
        assertEquals(Optional.empty(), recipe.template());
        recipe.requireImage();
    }
}
