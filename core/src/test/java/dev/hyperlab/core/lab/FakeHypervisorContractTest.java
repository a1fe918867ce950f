package dev.hyperlab.core.lab;

import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.HypervisorContract;

/** The double the service tests use keeps the same promises as the libvirt adapter. */
class FakeHypervisorContractTest extends HypervisorContract {
    @Override protected Hypervisor open() { return new FakeHypervisor(); }

    @Override protected String poolDir() { return "/pool"; }

    @Override protected String basePath() { return "/images/base.qcow2"; }

    @Override protected Hypervisor openSecondHost() { return new FakeHypervisor("fake://second/system"); }
}
