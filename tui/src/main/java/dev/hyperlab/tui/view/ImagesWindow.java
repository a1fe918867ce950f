package dev.hyperlab.tui.view;

import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressText;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.tui.images.ImageJobs;
import dev.hyperlab.tui.images.ImageTask;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The images view ({@code i} or {@code :images}): the store's images, the selected one's details,
 * and the long operation in progress with its progress bar. Leaving it (Esc) leaves the operation
 * running: its state lives in {@link ImageJobs}. Everything here runs on the GUI thread.
 */
final class ImagesWindow extends TableWindow {
    static final String URL_CHOICE = "a URL ...  (give the image's address and its checksum)";

    private final ImageJobs jobs;
    private final Consumer<String> showError;
    private final ImageTable table = new ImageTable();
    private final ReflowView task = new ReflowView(2);

    ImagesWindow(ImageJobs jobs, Consumer<String> showError) {
        super("images", Context.IMAGES, 3);
        this.jobs = jobs;
        this.showError = showError;
        lay(table, task);
        detail.setContent(this::detailLines);
        task.setContent(this::taskLines);
        render();
    }

    /** Redraws from the jobs' state: after a change, and on every tick while an operation runs. */
    void render() {
        ImageJobs.Listing l = jobs.listing();
        String empty = l.error().map(e -> "cannot read the image store: " + e)
                .orElse(l.loading() ? "reading the image store ..."
                        : "no images yet: b builds the default image, p pulls one, i imports a file");
        table.setRows(l.images(), empty); // keeps the selection on the same image
        header.setLines(List.of("Images in " + jobs.location()));
        header.setRight((l.loading() ? "reading ... " : "") + l.images().size() + " image" + (l.images().size() == 1 ? "" : "s"));
        detail.refresh();
        task.refresh();
    }

    private List<String> detailLines(int width) {
        return table.selectedRow().map(l -> List.of(
                l.image().name() + "  " + l.image().format().label() + "  created " + l.image().created()
                        + "  artifacts " + String.join(", ", l.image().artifacts().keySet()),
                l.broken() ? "BROKEN: " + l.problem() : "source " + l.image().source(),
                "sha256 " + l.image().sha256()))
                .orElse(List.of());
    }

    private List<String> taskLines(int width) {
        if (jobs.task().isEmpty()) {
            return List.of("", "");
        }
        ImageTask t = jobs.task().get();
        long end = t.running() ? jobs.now() : t.endNanos();
        String elapsed = Formats.duration(Duration.ofNanos(Math.max(0, end - t.startNanos())));
        return switch (t.state()) {
            case RUNNING -> running(t, elapsed, width);
            case DONE -> List.of(t.title() + ": done in " + elapsed, t.message());
            case FAILED -> List.of(t.title() + ": failed after " + elapsed, t.message());
        };
    }

    private static List<String> running(ImageTask t, String elapsed, int width) {
        if (t.progress().isEmpty()) {
            return List.of(t.title() + ": starting  " + elapsed, "");
        }
        Progress p = t.progress().get();
        String head = t.title() + ": " + p.phase() + "  " + elapsed;
        if (!p.isTransfer()) {
            return List.of(head, p.detail());
        }
        return List.of(head, transferLine(p, width));
    }

    /** "[#####-----]  37%  37.0 MiB / 100.0 MiB  4.1 MiB/s ETA 1m05s": the bar takes what the figures leave. */
    static String transferLine(Progress p, int width) {
        int pct = ProgressText.percent(p);
        String figures = ProgressText.size(p.done()) + (p.total() > 0 ? " / " + ProgressText.size(p.total()) : "")
                + "  " + ProgressText.size((long) p.rate()) + "/s" + ProgressText.eta(p);
        if (pct < 0) {
            return "downloaded " + figures; // no length announced: nothing to draw a bar against
        }
        String tail = String.format(Locale.ROOT, " %3d%%  %s", pct, figures);
        int bar = Math.max(10, width - tail.length() - 2);
        int filled = (int) Math.round(bar * pct / 100.0);
        return "[" + "#".repeat(filled) + "-".repeat(bar - filled) + "]" + tail;
    }

    // ---- keys ---------------------------------------------------------------------------------

    @Override
    void act(Action a) {
        switch (a) {
            case RELOAD -> jobs.reload();
            case BUILD_IMAGE -> jobs.build();
            case PULL_IMAGE -> {
                if (!jobs.refuseWhenBusy()) {
                    choosePull();
                }
            }
            case IMPORT_IMAGE -> {
                if (!jobs.refuseWhenBusy()) {
                    askImport();
                }
            }
            case REMOVE -> table.selectedKey().ifPresentOrElse(name -> getTextGUI().addWindow(new ConfirmWindow(
                            "Remove image " + name, "Remove image " + name + "? Its files are deleted from the store. "
                            + "This is refused while a guest uses it.", cols(), () -> jobs.remove(name))),
                    () -> showStatus("no image selected"));
            default -> { }
        }
    }

    private void askImport() {
        getTextGUI().addWindow(new InputWindow("Import an image", "File to import: a qcow2 or raw disk, a rootfs tar "
                + "(.gz/.xz/.zst), or an OCI / docker save archive. Unsafe files are refused and the store stays as it was.",
                cols(), this::importFile));
    }

    private void choosePull() {
        List<CatalogEntry> catalog = jobs.catalog();
        List<String> entries = new ArrayList<>();
        for (CatalogEntry e : catalog) {
            entries.add(String.format(Locale.ROOT, "%-20s %s", e.name(), e.description()));
        }
        entries.add(URL_CHOICE);
        getTextGUI().addWindow(new ChoiceWindow("Pull an image", "Downloaded over HTTPS and checked against the "
                + "distribution's published checksum before it enters the store.", entries, cols(), i -> {
                    if (i < catalog.size()) {
                        jobs.pull(ImagePuller.Request.of(catalog.get(i).name()));
                    } else {
                        askUrl();
                    }
                }));
    }

    private void askUrl() {
        getTextGUI().addWindow(new InputWindow("Pull from a URL", "Address of the image (http or https):", cols(),
                url -> getTextGUI().addWindow(new InputWindow("Checksum of " + url,
                        "Its checksum, to verify the download: the URL of a SHA256SUMS or SHA512SUMS file, or the "
                                + "SHA-256/SHA-512 hex digest itself.", cols(), sum -> pullUrl(url, sum)))));
    }

    private void pullUrl(String url, String sum) {
        boolean hex = sum.matches("[0-9a-fA-F]{64}|[0-9a-fA-F]{128}");
        if (!hex && !sum.startsWith("http://") && !sum.startsWith("https://")) {
            showError.accept("pull of " + url + " failed: '" + sum + "' is neither a checksum file URL nor a SHA-256/512 "
                    + "hex digest; try the SHA256SUMS address next to the image");
            return;
        }
        try {
            jobs.pull(new ImagePuller.Request(url, null, hex ? null : URI.create(sum), null, hex ? sum : null));
        } catch (IllegalArgumentException e) {
            showError.accept("pull of " + url + " failed: bad checksum URL '" + sum + "'; try a full https:// address");
        }
    }

    private void importFile(String typed) {
        String expanded = typed.startsWith("~/") ? System.getProperty("user.home") + typed.substring(1) : typed;
        try {
            jobs.importFile(Path.of(expanded));
        } catch (InvalidPathException e) {
            showError.accept("import failed: '" + typed + "' is not a valid path; try an absolute path to the file");
        }
    }
}
