package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which VMs and containers use an image, for {@code image list} and for refusing {@code image rm}
 * (and a rebuild's replacement) while a guest still needs the base disk.
 *
 * <p>When libvirt or the engine cannot be asked, the answer says so as an "unknown" entry: an image
 * must not be removed on the strength of a daemon that did not answer.
 */
public final class GuestImageUsage implements ImageUsage {
    private final Supplier<List<VmInfo>> vms;
    private final Supplier<List<GuestSummary>> containers;
    private final Supplier<List<dev.hyperlab.core.template.TemplateStore.Entry>> templates;
    private Inventory.Listing listing; // asked once per command, not once per image

    public GuestImageUsage(Supplier<List<VmInfo>> vms, Supplier<List<GuestSummary>> containers) {
        this(vms, containers, List::of);
    }

    /** @param templates the instant-clone templates: a template's frozen disk is an overlay on its image */
    public GuestImageUsage(Supplier<List<VmInfo>> vms, Supplier<List<GuestSummary>> containers,
                           Supplier<List<dev.hyperlab.core.template.TemplateStore.Entry>> templates) {
        this.vms = vms;
        this.containers = containers;
        this.templates = templates;
    }

    @Override
    public synchronized List<String> guestsUsing(ImageRecord image) {
        if (listing == null) {
            listing = Inventory.list(vms, containers);
        }
        List<String> users = new ArrayList<>();
        for (GuestSummary g : listing.guests()) {
            if (g.image().equals(image.name())) {
                users.add(g.kind().shortName() + "/" + g.name());
            }
        }
        for (dev.hyperlab.core.template.TemplateStore.Entry t : templates.get()) {
            t.record().filter(r -> r.image().equals(image.name())).ifPresent(r -> users.add("template/" + r.name()));
        }
        listing.problems().forEach(p -> users.add("unknown (" + p + ")"));
        return users;
    }
}
