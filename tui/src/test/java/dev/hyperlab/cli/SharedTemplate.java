package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One instant-clone template for every IT class of the run that clones: the template {@code compare}
 * itself makes for one vCPU and 1 GiB of the default image. Making a template is a cold TCG boot
 * (about a minute in CI), so it is made once, on first use, and removed when the whole test run ends,
 * unless it was there before (a developer's own, kept by {@code compare}). Tests must not remove it.
 */
final class SharedTemplate implements BeforeAllCallback {
    static final String NAME = "compare-debian-12-1c1024m";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedTemplate.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // the root store lives until the run ends, and closes what it holds then
        context.getRoot().getStore(NS).getOrComputeIfAbsent(NAME, k -> Made.ensure(), Made.class);
    }

    /** The template as this run found or made it; closing removes it when the run made it. */
    private record Made(boolean byThisRun) implements ExtensionContext.Store.CloseableResource {
        static Made ensure() {
            try {
                DefaultImage.ensure(ImageStore.openDefault(), p -> { });
                HyperlabProcess hyperlab = new HyperlabProcess();
                HyperlabProcess.Result list = hyperlab.run("vm", "template", "list");
                assertEquals(0, list.exit(), list.both());
                if (list.out().contains(NAME + " ")) {
                    return new Made(false);
                }
                HyperlabProcess.Result made = hyperlab.run(Duration.ofMinutes(15), Map.of(), "vm", "template", "create",
                        NAME, "--image", "debian-12", "--cpus", "1", "--memory", "1024M");
                assertEquals(0, made.exit(), made.both());
                return new Made(true);
            } catch (Exception e) {
                throw new IllegalStateException("the shared template " + NAME + " could not be made", e);
            }
        }

        @Override
        public void close() throws Exception {
            if (byThisRun) {
                HyperlabProcess.Result rm = new HyperlabProcess().run(Duration.ofMinutes(2), Map.of(), "vm", "template", "rm", NAME);
                assertEquals(0, rm.exit(), rm.both());
            }
        }
    }
}
