package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LayoutData;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.tui.data.GuestActions;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import dev.hyperlab.tui.refresh.DetailLoader;
import dev.hyperlab.tui.refresh.GuestRow;
import dev.hyperlab.tui.refresh.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main screen: host header, connection banner, guest table, detail pane, prompt and footer.
 * Every method runs on the GUI thread; background work reaches it only through {@link #apply}
 * and {@link #showDetails} posted with invokeLater.
 */
public final class MainWindow extends FullScreenWindow {
    private static final int DETAIL_ROWS = 4;
    private static final LayoutData FILL = LinearLayout.createLayoutData(LinearLayout.Alignment.Fill);

    private final String sourceName;
    private final GuestActions actions;
    private final Consumer<GuestKey> detailRequest;
    private final Runnable refreshRequest;
    private BackgroundActions background;
    private Runnable openImages;
    private Runnable openCompare;
    private Runnable openLabs;
    /** Work that quitting would cut short besides the boots (a lab being brought up), and what quitting does to it. */
    private java.util.function.Supplier<List<String>> otherWork = List::of;
    private final List<Consumer<Snapshot>> snapshotListeners = new ArrayList<>();
    /** The create wizard, console, log and snapshot views; null when the session has no such services. */
    private GuestViews guests;
    private GuestKey selectWhenListed;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private final LinesView header = new LinesView(2);
    private final LinesView banner = new LinesView(1).colors(TextColor.ANSI.WHITE, TextColor.ANSI.RED, true);
    private final GuestListView list = new GuestListView();
    private final LinesView detail = new LinesView(DETAIL_ROWS);
    private final LinesView status = new LinesView(1).colors(TextColor.ANSI.YELLOW, null, false);
    private final Panel prompt = new Panel(new BorderLayout());
    private final Label promptLabel = new Label("/");
    private final TextBox promptText = new TextBox(new TerminalSize(40, 1));
    private final LinesView footer = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, false);

    private Snapshot snapshot = new Snapshot(List.of(), Optional.empty(), Optional.empty(), Duration.ZERO);
    private boolean loaded;
    private String filter = "";
    static final Duration HOST_FIGURES_PERIOD = Duration.ofSeconds(5);
    private String shownHostFigures;
    private long shownHostFiguresAt;
    private Optional<GuestKind> kindFilter = Optional.empty();
    private Optional<String> labFilter = Optional.empty();
    private boolean groupByLab;
    private Context mode = Context.LIST;
    private char promptKind;
    private GuestKey detailKey;
    private List<String> detailFields = List.of();
    /** How often the selected guest's details are read again while nothing else asks (a row change asks at once). */
    static final Duration DETAIL_PERIOD = Duration.ofSeconds(2);
    /** The selected row when its details were last asked for, and when. */
    private GuestRow detailRow;
    private long detailAskedAt;

    /**
     * @param detailRequest asks for the selected guest's details, e.g. {@link DetailLoader#select}
     * @param refreshRequest asks the refresh pipeline for a reload soon
     */
    public MainWindow(String sourceName, GuestActions actions, Consumer<GuestKey> detailRequest,
                      Runnable refreshRequest) {
        super("hyperlab");
        this.sourceName = sourceName;
        this.actions = actions;
        this.detailRequest = detailRequest;
        this.refreshRequest = refreshRequest;

        Panel top = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
        top.addComponent(header, FILL);
        top.addComponent(banner, FILL);
        banner.setVisible(false);

        promptText.setTextChangeListener((text, byUser) -> {
            if (byUser && promptKind == '/') {
                setFilter(text);
            }
        });
        prompt.addComponent(promptLabel, BorderLayout.Location.LEFT);
        prompt.addComponent(promptText, BorderLayout.Location.CENTER);
        prompt.setVisible(false);

        Panel bottom = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
        bottom.addComponent(detail, FILL);
        bottom.addComponent(status, FILL);
        bottom.addComponent(prompt, FILL);
        bottom.addComponent(footer, FILL);

        setParts(top, list, bottom);
        renderHeader();
        renderFooter();
        list.setRows(List.of(), "loading guests from " + sourceName + " ...");
    }

    /** Wires the images and compare views ({@link Views}); without them those keys show a notice. */
    public void setViews(Runnable images, Runnable compare) {
        this.openImages = images;
        this.openCompare = compare;
    }

    /** Wires the labs view ({@link Views}); without it {@code L} shows a notice. */
    void setLabsView(Runnable labs, java.util.function.Supplier<List<String>> labWork) {
        this.openLabs = labs;
        this.otherWork = labWork;
    }

    /** Calls {@code l} with every snapshot applied from now on (on the GUI thread), and at once with the current one. */
    Runnable onSnapshot(Consumer<Snapshot> l) {
        snapshotListeners.add(l);
        l.accept(snapshot);
        return () -> snapshotListeners.remove(l);
    }

    /** Enables the guest views (c, Enter/o, l, S, :create, :console) over these services. */
    public void useGuestServices(dev.hyperlab.tui.data.GuestServices services) {
        guests = new GuestViews(this, services);
        guests.board().listen(this::renderRows); // a boot's progress shows in its row
    }

    /** Wires the action runner once the window is on a GUI (it posts results back through it). */
    public void attach(com.googlecode.lanterna.gui2.TextGUI gui) {
        this.background = new BackgroundActions(gui);
    }

    // ---- applying background results -------------------------------------------------------

    /** Shows a new snapshot; cheap when nothing changed. */
    public void apply(Snapshot s) {
        // Most ticks change nothing in the table: skip filtering and re-laying out 500 rows then.
        boolean sameRows = s.rows().equals(snapshot.rows()) && loaded
                && s.unavailable().isPresent() == snapshot.unavailable().isPresent();
        snapshot = s;
        loaded = loaded || s.unavailable().isEmpty() || !s.rows().isEmpty();
        banner.setLines(s.unavailable().map(m -> List.of(" ! " + m)) // "libvirt: reconnecting… (why)"
                .orElse(List.of()));
        banner.setVisible(s.unavailable().isPresent());
        if (!sameRows) {
            renderRows();
        }
        detailsMaybeStale();
        renderHeader();
        for (Consumer<Snapshot> l : List.copyOf(snapshotListeners)) {
            l.accept(s);
        }
    }

    /** Shows details loaded for {@code key}, unless the selection moved on meanwhile. */
    public void showDetails(GuestKey key, DetailLoader.Result r) {
        if (!key.equals(list.selectedKey().orElse(null))) {
            return;
        }
        List<String> lines = new ArrayList<>();
        if (r.error() != null) {
            lines.add("details: " + r.error());
        } else {
            // Fill the lines left under the summary and timeline, field after field.
            StringBuilder sb = new StringBuilder();
            for (GuestSource.Field f : r.fields()) {
                String part = f.label() + " " + f.value();
                if (sb.length() > 0 && sb.length() + 3 + part.length() > cols()) {
                    lines.add(sb.toString());
                    sb.setLength(0);
                }
                sb.append(sb.length() == 0 ? "" : "   ").append(part);
            }
            lines.add(sb.toString());
        }
        detailFields = lines;
        renderDetail();
    }

    // ---- keys -------------------------------------------------------------------------------

    @Override
    public boolean handleInput(KeyStroke key) {
        if (mode == Context.PROMPT) {
            Optional<Action> a = KeyMap.lookup(Context.PROMPT, key);
            if (a.isPresent()) {
                if (a.get() == Action.PROMPT_ACCEPT) {
                    acceptPrompt();
                } else {
                    cancelPrompt();
                }
                return true;
            }
            return super.handleInput(key); // typing goes to the text box
        }
        KeyMap.lookup(Context.LIST, key).ifPresent(this::run);
        return true;
    }

    void run(Action a) {
        switch (a) {
            case HELP -> showHelp();
            case QUIT -> quit();
            case FILTER -> openPrompt('/', "");
            case COMMAND -> openPrompt(':', "");
            case CLEAR_FILTER -> {
                setFilter("");
                kindFilter = Optional.empty();
                labFilter = Optional.empty();
                renderRows();
            }
            case MOVE_UP -> moved(() -> list.move(-1));
            case MOVE_DOWN -> moved(() -> list.move(1));
            case PAGE_UP -> moved(() -> list.page(-1));
            case PAGE_DOWN -> moved(() -> list.page(1));
            case MOVE_TOP -> moved(() -> list.moveTo(0));
            case MOVE_BOTTOM -> moved(() -> list.moveTo(Integer.MAX_VALUE));
            case START -> act("start", actions::start);
            case STOP -> act("stop", actions::stop);
            case DESTROY -> act("kill", actions::destroy);
            case REMOVE -> list.selectedKey().ifPresent(k -> getTextGUI().addWindow(new ConfirmWindow("Remove " + k,
                    "Remove " + k + "? It is powered off and its definition deleted. This cannot be undone.",
                    cols(), () -> act("remove", actions::remove))));
            case OPEN_IMAGES -> openView("Images", openImages);
            case OPEN_COMPARE -> openView("Compare", openCompare);
            case OPEN_LABS -> openView("Labs", openLabs);
            case GROUP_BY_LAB -> {
                groupByLab = !groupByLab;
                setStatus(groupByLab ? "grouped by lab (v: one list)" : "one list (v: grouped by lab)");
                renderRows();
            }
            case CREATE -> withGuests(g -> g.openWizard());
            case CONSOLE -> withSelected(k -> withGuests(g -> g.openConsole(k)));
            case LOG -> withSelected(k -> withGuests(g -> g.openLog(k)));
            case SNAPSHOTS -> withSelected(k -> withGuests(g -> g.openSnapshots(k)));
            default -> { }
        }
    }

    private void withGuests(Consumer<GuestViews> open) {
        if (guests == null) {
            showError("this session has no guest services (create, console, log, snapshots)");
        } else {
            open.accept(guests);
        }
    }

    private void withSelected(Consumer<GuestKey> open) {
        Optional<GuestKey> key = list.selectedKey();
        if (key.isEmpty()) {
            setStatus("no guest selected");
        } else {
            open.accept(key.get());
        }
    }

    /** ":console NAME": the VM of that name, else the container; "vm/NAME" or "ct/NAME" picks one. */
    private void consoleByName(String name) {
        int slash = name.indexOf('/');
        String kind = slash < 0 ? null : name.substring(0, slash);
        String n = name.substring(slash + 1);
        snapshot.rows().stream()
                .filter(r -> r.summary().name().equals(n) && (kind == null || r.summary().kind().shortName().equals(kind)))
                .min(java.util.Comparator.comparing((GuestRow r) -> r.summary().kind())) // VM first
                .ifPresentOrElse(r -> withGuests(g -> g.openConsole(r.key())),
                        () -> showError("no guest named '" + name + "'; try :console NAME with a name from the list"));
    }

    private void act(String verb, Consumer<GuestKey> op) {
        Optional<GuestKey> key = list.selectedKey();
        if (key.isEmpty()) {
            setStatus("no guest selected");
            return;
        }
        GuestKey k = key.get();
        setStatus(verb + " " + k + " ...");
        background.run(verb + " " + k, () -> op.accept(k), () -> {
            setStatus(verb + " " + k + ": done");
            refreshRequest.run();
            detailRequest.accept(k);
        }, msg -> {
            setStatus(verb + " " + k + ": failed");
            showError(msg);
        });
    }

    public void showError(String message) {
        getTextGUI().addWindow(new MessageWindow("Error", message, cols(), true));
    }

    private void showNotice(String title, String message) {
        getTextGUI().addWindow(new MessageWindow(title, message, cols(), false));
    }

    private void moved(Runnable move) {
        move.run();
        selectionMaybeChanged();
    }

    private void openPrompt(char kind, String text) {
        mode = Context.PROMPT;
        promptKind = kind;
        promptLabel.setText(String.valueOf(kind));
        promptText.setText(text);
        promptText.setCaretPosition(text.length());
        prompt.setVisible(true);
        setFocusedInteractable(promptText);
        renderFooter();
    }

    private void closePrompt() {
        mode = Context.LIST;
        prompt.setVisible(false);
        setFocusedInteractable(null);
        renderFooter();
    }

    private void acceptPrompt() {
        String text = promptText.getText().trim();
        char kind = promptKind;
        closePrompt();
        if (kind == ':') {
            command(text);
        } else {
            setFilter(text);
        }
    }

    private void cancelPrompt() {
        if (promptKind == '/') {
            setFilter("");
        }
        closePrompt();
    }

    /** Runs a ':' command. */
    void command(String line) {
        String cmd = line.startsWith(":") ? line.substring(1).trim() : line;
        if (cmd.startsWith("console ")) {
            consoleByName(cmd.substring("console ".length()).trim());
            return;
        }
        if (cmd.startsWith("lab ")) {
            showLab(cmd.substring("lab ".length()).trim());
            return;
        }
        switch (cmd.toLowerCase(Locale.ROOT)) {
            case "" -> { }
            case "q", "quit" -> quit();
            case "vm", "vms" -> showKind(Optional.of(GuestKind.VM));
            case "ct", "cts", "container", "containers" -> showKind(Optional.of(GuestKind.CONTAINER));
            case "all", "guests" -> showKind(Optional.empty());
            case "help" -> run(Action.HELP);
            case "images" -> run(Action.OPEN_IMAGES);
            case "compare" -> run(Action.OPEN_COMPARE);
            case "labs" -> run(Action.OPEN_LABS);
            case "lab" -> showError("which lab? try :lab NAME, or :labs for the list");
            case "group" -> run(Action.GROUP_BY_LAB);
            case "create", "new" -> run(Action.CREATE);
            case "console" -> run(Action.CONSOLE);
            default -> showError("unknown command ':" + cmd + "'; try :vm :ct :all :lab NAME :labs :images :compare :q");
        }
    }

    /**
     * Quits, asking first while a guest this session creates has not reached "created": the JVM would
     * stop between its steps and leave a volume or seed without a domain. Booting guests go on alone.
     */
    private void quit() {
        List<String> work = otherWork.get();
        if (!work.isEmpty()) {
            getTextGUI().addWindow(new ConfirmWindow("Quit", String.join("; ", work) + ". Quit now?", cols(),
                    this::quitUnlessCreating));
            return;
        }
        quitUnlessCreating();
    }

    private void quitUnlessCreating() {
        List<String> creating = new ArrayList<>();
        if (guests != null) {
            guests.board().running().forEach((key, timeline) -> {
                if (!timeline.has(Phase.CREATED)) {
                    creating.add(key.toString());
                }
            });
        }
        if (creating.isEmpty()) {
            close();
            return;
        }
        getTextGUI().addWindow(new ConfirmWindow("Quit", String.join(", ", creating) + " is still being created. "
                + "Quit now and what it made so far stays behind for 'hyperlab gc'; or press n and quit once it is "
                + "created (its boot goes on without the TUI).", cols(), this::close));
    }

    private void openView(String title, Runnable open) {
        if (open == null) {
            showNotice(title, "This session has no " + title.toLowerCase(Locale.ROOT) + " view; use 'hyperlab --help' on "
                    + "the command line.");
        } else {
            open.run();
        }
    }

    private void showKind(Optional<GuestKind> kind) {
        kindFilter = kind;
        renderRows();
    }

    /** Only the guests of {@code lab}, every kind, whatever was typed after / before. */
    void showLab(String lab) {
        labFilter = Optional.of(lab);
        kindFilter = Optional.empty();
        filter = "";
        renderRows();
    }

    private void setFilter(String text) {
        filter = text.trim().toLowerCase(Locale.ROOT);
        renderRows();
    }

    private void setStatus(String text) {
        status.setLines(List.of(text));
    }

    /** A one-line outcome of background work (an image pull, a compare run) for the status line. */
    public void showStatus(String text) {
        setStatus(text);
    }

    void status(String text) { setStatus(text); }

    /** Asks the refresh pipeline for a reload soon (a guest view changed something). */
    void refresh() { refreshRequest.run(); }

    /** Selects {@code key} as soon as it is in the list (a guest the wizard is creating). */
    void selectWhenListed(GuestKey key) {
        selectWhenListed = key;
        renderRows();
    }

    // ---- rendering ----------------------------------------------------------------------------

    private void renderRows() {
        List<GuestRow> shown = new ArrayList<>();
        for (GuestRow r : snapshot.rows()) {
            if (matches(r)) {
                shown.add(guests == null ? r : liveBoot(r));
            }
        }
        if (groupByLab) { // the labs by name, then the guests of no lab; kind and name within each, as before
            shown.sort(java.util.Comparator.comparing((GuestRow r) -> r.lab().isEmpty())
                    .thenComparing(r -> r.lab().orElse("")));
        }
        list.setGrouped(groupByLab);
        String empty;
        if (!loaded) {
            empty = snapshot.unavailable().isPresent() ? "no connection to " + sourceName
                    : "loading guests from " + sourceName + " ...";
        } else if (snapshot.rows().isEmpty()) {
            empty = "no guests on " + sourceName;
        } else {
            empty = "no guest matches" + (filter.isEmpty() ? "" : " '" + filter + "'")
                    + kindFilter.map(k -> " among " + k.shortName() + "s").orElse("")
                    + labFilter.map(l -> " in lab " + l).orElse("") + " (Esc shows all)";
        }
        list.setRows(shown, empty);
        if (guests != null) {
            list.setBooting(guests.board().running().keySet());
        }
        if (selectWhenListed != null && list.select(selectWhenListed)) {
            selectWhenListed = null;
        }
        renderFooter();
        selectionMaybeChanged();
    }

    /**
     * The row with the boot this session follows: while it runs, and after it as long as the
     * backend's saved timeline is an earlier state of the same boot (VMs save theirs at the end, and
     * the listing reads it a tick later). A later boot saved by someone else wins.
     */
    private GuestRow liveBoot(GuestRow r) {
        boolean running = guests.board().running().containsKey(r.key());
        return guests.board().timeline(r.key())
                .filter(t -> running || sameBootSoFar(t, r.summary().timeline()))
                .map(t -> {
                    GuestSummary g = r.summary();
                    return r.withSummary(new GuestSummary(g.kind(), g.name(), g.state(), g.vcpus(), g.memoryBytes(),
                            g.image(), t, g.ip()));
                }).orElse(r);
    }

    /** True when every phase {@code saved} has is in {@code live} at the same millisecond (an empty one is). */
    static boolean sameBootSoFar(BootTimeline live, BootTimeline saved) {
        for (Map.Entry<Phase, Duration> e : saved.asMap().entrySet()) {
            Optional<Duration> at = live.at(e.getKey());
            if (at.isEmpty() || at.get().toMillis() != e.getValue().toMillis()) {
                return false;
            }
        }
        return true;
    }

    boolean matches(GuestRow r) {
        GuestSummary g = r.summary();
        if (kindFilter.isPresent() && g.kind() != kindFilter.get()) {
            return false;
        }
        if (labFilter.isPresent() && !labFilter.equals(r.lab())) {
            return false;
        }
        if (filter.isEmpty()) {
            return true;
        }
        return g.name().toLowerCase(Locale.ROOT).contains(filter)
                || g.kind().shortName().equals(filter)
                || g.state().label().equals(filter)
                || g.image().toLowerCase(Locale.ROOT).contains(filter)
                || r.lab().map(l -> l.toLowerCase(Locale.ROOT).contains(filter)).orElse(false);
    }

    private void selectionMaybeChanged() {
        GuestKey now = list.selectedKey().orElse(null);
        if (now != null && !now.equals(detailKey)) {
            detailKey = now;
            detailFields = List.of("details: loading ...");
            requestDetails(now);
        } else if (now == null) {
            detailKey = null;
            detailFields = List.of();
        }
        renderDetail();
    }

    /**
     * The selected guest's details are read again while it stays selected: at once when its row
     * changed (a start, a stop), else every {@link #DETAIL_PERIOD}. The fields shown stay until the
     * new ones arrive, so a refresh does not flicker through "loading".
     */
    private void detailsMaybeStale() {
        Optional<GuestRow> sel = list.selectedRow();
        if (sel.isEmpty() || !sel.get().key().equals(detailKey)) {
            return;
        }
        if (!sel.get().equals(detailRow) || System.nanoTime() - detailAskedAt >= DETAIL_PERIOD.toNanos()) {
            requestDetails(detailKey);
        }
    }

    private void requestDetails(GuestKey key) {
        detailRow = list.selectedRow().orElse(null);
        detailAskedAt = System.nanoTime();
        detailRequest.accept(key);
    }

    private void renderDetail() {
        Optional<GuestRow> sel = list.selectedRow();
        if (sel.isEmpty()) {
            detail.setLines(List.of());
            return;
        }
        GuestSummary g = sel.get().summary();
        List<String> lines = new ArrayList<>();
        List<String> addresses = sel.get().addresses().stream().map(Object::toString).toList();
        lines.add(g.kind().shortName() + "/" + g.name() + "  " + g.state().label()
                + "  image " + (g.image().isEmpty() ? Formats.NONE : g.image())
                + sel.get().lab().map(l -> "  lab " + l).orElse("")
                + "  address " + (!addresses.isEmpty() ? String.join(", ", addresses) : g.ip().orElse(Formats.NONE)));
        lines.add(timeline(g));
        lines.addAll(detailFields);
        detail.setLines(lines);
    }

    private static String timeline(GuestSummary g) {
        if (g.timeline().asMap().isEmpty()) {
            return "boot: no timeline (" + (g.state() == GuestState.RUNNING ? "started outside hyperlab or before it watched"
                    : "not booted by hyperlab") + ")";
        }
        StringBuilder sb = new StringBuilder("boot:");
        for (Phase p : Phase.values()) {
            g.timeline().at(p).ifPresent(d -> sb.append(' ').append(p.label()).append(' ').append(Formats.seconds(d)));
        }
        return sb.toString();
    }

    private void renderHeader() {
        String l1 = "hyperlab " + sourceName;
        String l2;
        Optional<HostInfo> h = snapshot.host();
        if (h.isPresent()) {
            HostInfo hi = h.get();
            String hv = sourceName.startsWith("qemu") ? "QEMU " : "hv ";
            l1 += "  " + hi.accelerator() + " (" + hi.acceleratorWhy() + ")  libvirt "
                    + hi.libvirt().orElse("?") + "  " + hv + hi.hypervisor().orElse("?");
            long used = hi.load().memTotalBytes() - hi.load().memAvailableBytes();
            l2 = "engine " + hi.engine().orElse("unreachable") + "  mem " + steadyHostFigures(Formats.memory(used) + "/"
                    + Formats.memory(hi.load().memTotalBytes()) + "  load " + hi.load().loadAverage());
        } else {
            l2 = "probing host ...";
        }
        long running = snapshot.rows().stream().filter(r -> r.summary().state() == GuestState.RUNNING).count();
        l2 += "  guests " + snapshot.rows().size() + " (" + running + " up)";
        header.setLines(List.of(l1, l2));
    }

    /**
     * The host's memory and load as shown: new figures at most every {@link #HOST_FIGURES_PERIOD}.
     * Used memory moves by a few MiB every second, and any change redraws the whole screen (Lanterna
     * draws every component when one is invalid); the kernel's load average moves every 5 s anyway.
     */
    private String steadyHostFigures(String now) {
        long t = System.nanoTime();
        if (shownHostFigures == null || t - shownHostFiguresAt >= HOST_FIGURES_PERIOD.toNanos()) {
            shownHostFigures = now;
            shownHostFiguresAt = t;
        }
        return shownHostFigures;
    }

    private void renderFooter() {
        String left = KeyMap.footer(mode);
        if (mode == Context.PROMPT) {
            left = promptKind == '/' ? "type to filter  Enter:keep  Esc:clear"
                    : "Enter:run  Esc:cancel  (vm ct all lab NAME labs images compare q)";
        }
        StringBuilder right = new StringBuilder();
        kindFilter.ifPresent(k -> right.append(":").append(k.shortName()).append(' '));
        labFilter.ifPresent(l -> right.append("@").append(l).append(' '));
        if (!filter.isEmpty()) {
            right.append("/").append(filter).append(' ');
        }
        right.append(list.size()).append('/').append(snapshot.rows().size());
        footer.setLines(List.of(left));
        footer.setRight(" " + right); // aligned when drawn, so a resize needs no re-render

    }

    @Override
    public void close() {
        if (background != null) {
            background.close();
        }
        super.close();
        closed.countDown();
    }

    /** Whether the user has quit. */
    public boolean hasQuit() { return closed.getCount() == 0; }

    /** Blocks until the user quits. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
