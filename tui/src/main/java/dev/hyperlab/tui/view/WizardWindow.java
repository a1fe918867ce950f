package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.tui.data.GuestMaker;
import dev.hyperlab.tui.data.GuestServices;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The create wizard: one form for a VM, a system container or both from one image. Create parses
 * the form, then asks each kind's service to check it (off the GUI thread); any refusal is shown
 * under the form, word for word, and nothing is created. Only when every kind accepts does the
 * wizard hand the recipe on and close.
 */
final class WizardWindow extends BasicWindow {
    /** What the user may make; each needs its kind's service. */
    enum Kinds {
        VM("VM", List.of(GuestKind.VM)),
        CONTAINER("container", List.of(GuestKind.CONTAINER)),
        BOTH("both", List.of(GuestKind.VM, GuestKind.CONTAINER));

        final String label;
        final List<GuestKind> kinds;

        Kinds(String label, List<GuestKind> kinds) {
            this.label = label;
            this.kinds = kinds;
        }
    }

    private final TextGUI gui;
    private final GuestServices services;
    private final BiConsumer<GuestRecipe, List<GuestMaker>> onCreate;
    private final int textWidth;

    private final ChoiceField<Kinds> kind;
    private final TextBox image;
    private final TextBox name = new TextBox(new TerminalSize(30, 1));
    private final TextBox cpus = new TextBox(new TerminalSize(4, 1), "2");
    private final TextBox memory = new TextBox(new TerminalSize(8, 1), "1G");
    private final TextBox disk = new TextBox(new TerminalSize(8, 1));
    private final TextBox user = new TextBox(new TerminalSize(20, 1));
    private final TextBox sshKeys;
    private final TextBox cloudConfig = new TextBox(new TerminalSize(46, 1));
    private final ChoiceField<NetworkSpec> nic = new ChoiceField<>(List.of(NetworkSpec.NONE, NetworkSpec.USER, NetworkSpec.NAT),
            n -> n instanceof NetworkSpec.None ? "none" : n instanceof NetworkSpec.UserNat ? "nat (SSH on loopback)"
                    : "user (restricted, SSH on loopback)");
    private final Button create = new Button("Create", this::create);
    private final LinesView hint = new LinesView(1).colors(TextColor.ANSI.CYAN, null, false);
    private final LinesView errors = new LinesView(3).colors(TextColor.ANSI.RED, null, true);
    private final Map<Interactable, String> hints = new IdentityHashMap<>();
    private boolean checking;

    /**
     * @param onCreate gets the checked recipe and the makers to run, on the GUI thread, after the
     *                 wizard closed
     */
    WizardWindow(TextGUI gui, GuestServices services, int screenCols, BiConsumer<GuestRecipe, List<GuestMaker>> onCreate) {
        super("Create guests");
        this.gui = gui;
        this.services = services;
        this.onCreate = onCreate;
        this.textWidth = Math.max(40, Math.min(70, screenCols - 8));
        setHints(Set.of(Window.Hint.MODAL, Window.Hint.CENTERED));
        List<Kinds> offered = new ArrayList<>();
        for (Kinds k : Kinds.values()) {
            if (services.makers().keySet().containsAll(k.kinds)) {
                offered.add(k);
            }
        }
        kind = new ChoiceField<>(offered, k -> k.label);
        image = new TextBox(new TerminalSize(30, 1), services.defaultImage());
        sshKeys = new TextBox(new TerminalSize(46, 1), String.join(", ",
                services.defaultSshKeys().stream().map(WizardWindow::tilde).toList()));
        cpus.setText(services.defaults().cpus());
        memory.setText(services.defaults().memory());
        disk.setText(services.defaults().disk());
        user.setText(services.defaults().user());
        if (services.defaults().network().equals("user")) {
            nic.select(NetworkSpec.USER); // the wizard offers none, user and nat; a named network stays a CLI choice
        } else if (services.defaults().network().equals("nat")) {
            nic.select(NetworkSpec.NAT);
        }

        Panel form = new Panel(new GridLayout(2).setHorizontalSpacing(1).setVerticalSpacing(0));
        field(form, "Kind:", kind, "Left/Right: a VM, a system container, or both from the same image");
        field(form, "Image:", image, "an image from 'hyperlab image list' (debian-12 is built on first use), or "
                + "template:T for an instant clone of template T (VMs)");
        field(form, "Name:", name, "lower-case letters, digits and inner dashes; both kinds get this name");
        field(form, "vCPUs:", cpus, "VM vCPUs; the container's CPU limit");
        field(form, "Memory:", memory, "e.g. 512M or 2G: the VM's memory, the container's memory limit");
        field(form, "Disk:", disk, "VMs only, e.g. 8G; empty: the image's size");
        field(form, "User:", user, "a login user with sudo (cloud-init makes it in both kinds); empty: none");
        field(form, "SSH keys:", sshKeys, "public key files, comma-separated; empty: no key");
        field(form, "Cloud-config:", cloudConfig, "optional #cloud-config file, merged under hyperlab's");
        field(form, "VM NIC:", nic, "Left/Right: none, or QEMU user-mode restricted to the host; containers get none");

        Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
        buttons.addComponent(create);
        buttons.addComponent(new Button("Cancel", this::close));
        hints.put(create, "Enter: check, then create and boot (nothing is made if a check fails)");
        form.addComponent(new EmptySpace());
        form.addComponent(buttons);

        Panel root = new Panel(new LinearLayout(Direction.VERTICAL));
        root.addComponent(form);
        root.addComponent(hint);
        root.addComponent(errors);
        setComponent(root);
        setFocusedInteractable(kind);
        renderHint();
    }

    private void field(Panel form, String label, Interactable field, String help) {
        form.addComponent(new Label(label));
        form.addComponent(field);
        hints.put(field, help);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        Optional<Action> a = KeyMap.lookup(Context.WIZARD, key);
        Interactable focused = getFocusedInteractable();
        boolean handled = true;
        if (a.isPresent() && a.get() == Action.CLOSE) {
            close();
            return true;
        } else if (a.isEmpty() && isControlCharacter(key)) {
            return true; // an unbound Ctrl-U or Alt-x: Lanterna's text box would type a plain 'u' or 'x'
        } else if (a.isPresent() && (a.get() == Action.CHOICE_NEXT || a.get() == Action.CHOICE_PREVIOUS)
                && focused instanceof ChoiceField<?> choice) {
            if (a.get() == Action.CHOICE_NEXT) {
                choice.next();
            } else {
                choice.previous();
            }
        } else if (a.isPresent() && a.get() == Action.NEXT_FIELD && !(focused instanceof Button)) {
            handled = super.handleInput(new KeyStroke(KeyType.Tab));
        } else if (a.isPresent() && a.get() == Action.PREVIOUS_FIELD) {
            handled = super.handleInput(new KeyStroke(KeyType.ReverseTab));
        } else {
            handled = super.handleInput(key); // typing, cursor keys in text, Enter on a button
        }
        renderHint();
        return handled;
    }

    static boolean isControlCharacter(KeyStroke key) {
        return key.getKeyType() == KeyType.Character && (key.isCtrlDown() || key.isAltDown());
    }

    private void renderHint() {
        String h = hints.getOrDefault(getFocusedInteractable(), "");
        hint.setLines(List.of(Formats.fit(h, textWidth)));
    }

    private void showErrors(List<String> messages) {
        List<String> lines = new ArrayList<>();
        for (String m : messages) {
            lines.addAll(MessageWindow.wrap("! " + m, textWidth));
        }
        errors.setLines(lines);
    }

    private void create() {
        if (checking) {
            return; // one check at a time; the second Enter is not a second create
        }
        GuestRecipe recipe;
        try {
            recipe = recipe();
        } catch (HyperlabException e) {
            showErrors(List.of(e.userMessage()));
            return;
        }
        List<GuestMaker> makers = new ArrayList<>();
        for (GuestKind k : kind.value().kinds) {
            makers.add(services.makers().get(k));
        }
        checking = true;
        errors.setLines(List.of("checking ..."));
        GuiThread.daemon("wizard-check", () -> {
            List<String> refused = new ArrayList<>();
            for (GuestMaker m : makers) {
                try {
                    m.check(recipe);
                } catch (RuntimeException e) {
                    String msg = StreamPump.message(e);
                    refused.add(makers.size() > 1 ? m.kind().shortName() + ": " + msg : msg);
                }
            }
            GuiThread.later(gui, () -> checked(recipe, makers, refused));
        }).start();
    }

    private void checked(GuestRecipe recipe, List<GuestMaker> makers, List<String> refused) {
        checking = false;
        if (!refused.isEmpty()) {
            showErrors(refused);
            return;
        }
        close();
        onCreate.accept(recipe, makers);
    }

    /** The form as a recipe; a number or size that does not parse is bad input, like the CLI's options. */
    GuestRecipe recipe() {
        int n;
        try {
            n = Integer.parseInt(cpus.getText().trim());
        } catch (NumberFormatException e) {
            throw HyperlabException.badInput("bad vCPUs '" + cpus.getText().trim() + "': not a whole number", "try 2");
        }
        long mem = Sizes.parse("memory", memory.getText().trim(), "M");
        Optional<Long> diskBytes = disk.getText().isBlank() ? Optional.empty()
                : Optional.of(Sizes.parse("disk", disk.getText().trim(), "G"));
        List<Path> keys = new ArrayList<>();
        for (String k : sshKeys.getText().split("[,\\s]+")) {
            if (!k.isBlank()) {
                keys.add(path(k));
            }
        }
        Optional<Path> cc = cloudConfig.getText().isBlank() ? Optional.empty() : Optional.of(path(cloudConfig.getText()));
        Optional<String> login = user.getText().isBlank() ? Optional.empty() : Optional.of(user.getText().trim());
        return new GuestRecipe(name.getText().trim(), image.getText().trim(), n, mem, diskBytes, login, keys, cc,
                nic.value());
    }

    private static Path path(String typed) {
        String t = typed.trim();
        if (t.equals("~") || t.startsWith("~/")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        return Path.of(t);
    }

    private static String tilde(Path p) {
        String home = System.getProperty("user.home");
        String s = p.toString();
        return s.startsWith(home + "/") ? "~" + s.substring(home.length()) : s;
    }
}
