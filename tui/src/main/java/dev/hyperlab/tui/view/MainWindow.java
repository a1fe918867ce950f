package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.GuestActions;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import dev.hyperlab.tui.refresh.DetailLoader;
import dev.hyperlab.tui.refresh.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main screen: host header, connection banner, guest table, detail pane, prompt and footer.
 * Every method runs on the GUI thread; background work reaches it only through {@link #apply}
 * and {@link #showDetails} posted with invokeLater.
 */
public final class MainWindow extends FullScreenWindow {

    private final GuestActions actions;
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
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private final HostHeader header;
    private final LinesView banner = new LinesView(1).colors(TextColor.ANSI.WHITE, TextColor.ANSI.RED, true);
    private final GuestTable table;
    private final GuestListView list;
    private final DetailPane detail;
    private final LinesView status = new LinesView(1).colors(TextColor.ANSI.YELLOW, null, false);
    private final PromptLine prompt = new PromptLine(this::setFilter);
    private final LinesView footer = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, false);

    private Context mode = Context.LIST;
    /**
     * @param detailRequest asks for the selected guest's details, e.g. {@link DetailLoader#select}
     * @param refreshRequest asks the refresh pipeline for a reload soon
     */
    public MainWindow(String sourceName, GuestActions actions, Consumer<GuestKey> detailRequest,
                      Runnable refreshRequest) {
        super("hyperlab");
        this.actions = actions;
        this.header = new HostHeader(sourceName);
        this.detail = new DetailPane(detailRequest);
        this.refreshRequest = refreshRequest;
        this.table = new GuestTable(sourceName, this::rowsRendered);
        this.list = table.view();

        banner.setVisible(false);
        // The layout: header and banner above the list, which takes every row left; details, status,
        // prompt and footer below it.
        setParts(column(header.view(), banner), list, column(detail.view(), status, prompt, footer));
        renderHeader();
        renderFooter();
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
        l.accept(table.snapshot());
        return () -> snapshotListeners.remove(l);
    }

    /** Enables the guest views (c, Enter/o, l, S, :create, :console) over these services. */
    public void useGuestServices(dev.hyperlab.tui.data.GuestServices services) {
        guests = new GuestViews(this, services);
        table.showBoots(guests.board()); // a boot's progress shows in its row
    }

    /** Wires the action runner once the window is on a GUI (it posts results back through it). */
    public void attach(com.googlecode.lanterna.gui2.TextGUI gui) {
        this.background = new BackgroundActions(gui);
    }

    // ---- applying background results -------------------------------------------------------

    /** Shows a new snapshot; cheap when nothing changed. */
    public void apply(Snapshot s) {
        table.apply(s);
        banner.setLines(s.unavailable().map(m -> List.of(" ! " + m)) // "libvirt: reconnecting… (why)"
                .orElse(List.of()));
        banner.setVisible(s.unavailable().isPresent());
        detail.refreshed(list.selectedRow());
        renderHeader();
        for (Consumer<Snapshot> l : List.copyOf(snapshotListeners)) {
            l.accept(s);
        }
    }

    /** Shows details loaded for {@code key}, unless the selection moved on meanwhile. */
    public void showDetails(GuestKey key, DetailLoader.Result r) {
        detail.show(key, r, list.selectedRow(), cols());
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
            case CLEAR_FILTER -> table.clearFilter();
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
            case GROUP_BY_LAB -> setStatus(table.toggleGroupByLab() ? "grouped by lab (v: one list)"
                    : "one list (v: grouped by lab)");
            case CREATE -> withGuests(g -> g.openWizard());
            case CONSOLE -> withSelected(k -> withGuests(g -> g.openConsole(k)));
            case LOG -> withSelected(k -> withGuests(g -> g.openLog(k)));
            case SNAPSHOTS -> withSelected(k -> withGuests(g -> g.openSnapshots(k)));
            case MIGRATE -> withSelected(k -> withGuests(g -> g.openMigrate(k)));
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
    void consoleByName(String name) {
        int slash = name.indexOf('/');
        String kind = slash < 0 ? null : name.substring(0, slash);
        String n = name.substring(slash + 1);
        table.named(n, kind).ifPresentOrElse(r -> withGuests(g -> g.openConsole(r.key())),
                        () -> showError("no guest named '" + name + "'; try :console NAME with a name from the list"));
    }

    private void act(String verb, Consumer<GuestKey> op) {
        Optional<GuestKey> key = list.selectedKey();
        if (key.isEmpty()) {
            setStatus("no guest selected");
            return;
        }
        actOn(key.get(), verb, () -> op.accept(key.get()), () -> verb + " " + key.get() + ": done");
    }

    /** Runs {@code op} for {@code k} on the action thread; the status line says {@code outcome} after it. */
    void actOn(GuestKey k, String verb, Runnable op, java.util.function.Supplier<String> outcome) {
        setStatus(verb + " " + k + " ...");
        background.run(verb + " " + k, op, () -> {
            setStatus(outcome.get());
            refreshRequest.run();
            detail.reread(k);
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
        setFocusedInteractable(prompt.open(kind, text));
        renderFooter();
    }

    private void closePrompt() {
        mode = Context.LIST;
        prompt.close();
        setFocusedInteractable(null);
        renderFooter();
    }

    private void acceptPrompt() {
        String text = prompt.text();
        char kind = prompt.kind();
        closePrompt();
        if (kind == ':') {
            command(text);
        } else {
            setFilter(text);
        }
    }

    private void cancelPrompt() {
        if (prompt.kind() == '/') {
            setFilter("");
        }
        closePrompt();
    }

    /** Runs a ':' command. */
    void command(String line) {
        ListCommands.run(this, line);
    }

    /**
     * Quits, asking first while a guest this session creates has not reached "created": the JVM would
     * stop between its steps and leave a volume or seed without a domain. Booting guests go on alone.
     */
    void quit() {
        QuitQuestions.ask(getTextGUI(), cols(), otherWork.get(),
                () -> guests == null ? List.of() : guests.board().beingCreated(), this::close);
    }

    private void openView(String title, Runnable open) {
        if (open == null) {
            showNotice(title, "This session has no " + title.toLowerCase(Locale.ROOT) + " view; use 'hyperlab --help' on "
                    + "the command line.");
        } else {
            open.run();
        }
    }

    void showKind(Optional<GuestKind> kind) { table.showKind(kind); }

    /** Only the guests of {@code lab}, every kind, whatever was typed after / before. */
    void showLab(String lab) { table.showLab(lab); }

    /** Only the guests of one libvirt host ({@value GuestListView#OWN_HOST}: the session's own, and its containers). */
    void showHost(String host) { table.showHost(host); }

    private void setFilter(String text) { table.setText(text); }

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
    void selectWhenListed(GuestKey key) { table.selectWhenListed(key); }

    // ---- rendering ----------------------------------------------------------------------------

    /** After the table re-rendered: its count in the footer, and the detail pane follows the selection. */
    private void rowsRendered() {
        renderFooter();
        selectionMaybeChanged();
    }

    private void selectionMaybeChanged() {
        detail.selected(list.selectedRow());
    }

    private void renderHeader() {
        header.render(table.snapshot());
    }

    private void renderFooter() {
        String left = KeyMap.footer(mode);
        if (mode == Context.PROMPT) {
            left = prompt.hints();
        }
        footer.setLines(List.of(left));
        footer.setRight(" " + table.count()); // aligned when drawn, so a resize needs no re-render
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
