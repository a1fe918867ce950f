package dev.hyperlab.cli.complete;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Shell completion scripts generated from the picocli model, so they cannot drift from --help.
 *
 * <p>bash (and zsh through bashcompinit): picocli's {@link AutoComplete} completes commands,
 * options and enum values; a second function generated here from the same model adds live names.
 * It knows which positional parameter or option of which command takes which {@link NameKind}
 * (the parameters marked with a {@link NameKind.Marker}), walks the words typed so far like the
 * parser does, and asks {@code hyperlab __complete KIND ARGS...} for the names.
 */
public final class CompletionScripts {
    private static final String PICOCLI_COMPLETE =
            "complete -F _complete_hyperlab -o default hyperlab hyperlab.sh hyperlab.bash";

    private CompletionScripts() {}

    /** One command reached by a path of names as typed (aliases included). */
    record Node(String path, CommandLine cmd) {}

    static List<Node> walk(CommandLine root) {
        List<Node> out = new ArrayList<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(CommandLine cmd, String path, List<Node> out) {
        out.add(new Node(path, cmd));
        cmd.getSubcommands().forEach((name, sub) -> walk(sub, path.isEmpty() ? name : path + " " + name, out));
    }

    public static String bash(CommandLine root) {
        String picocli = AutoComplete.bash("hyperlab", root);
        if (!picocli.contains(PICOCLI_COMPLETE)) {
            throw new IllegalStateException("picocli's script changed: its complete line is not there");
        }
        return picocli.replace(PICOCLI_COMPLETE, "# (registered below, with live names)") + liveNames(root)
                + "complete -F _complete_hyperlab_live -o default hyperlab\n";
    }

    /**
     * zsh: the same script under bashcompinit, as site-functions/_hyperlab. zsh runs the file as
     * the function _hyperlab on the first TAB; it registers the bash function, which answers every
     * later TAB, and answers this first one itself.
     */
    public static String zsh(CommandLine root) {
        return "#compdef hyperlab\n" + bash(root)
                + "if [[ ${funcstack[1]:-} == _hyperlab ]]; then\n"
                + "  _bash_complete -F _complete_hyperlab_live -o default\n"
                + "fi\n";
    }

    private static String liveNames(CommandLine root) {
        List<Node> nodes = walk(root);
        StringBuilder s = new StringBuilder();
        s.append("""

                # ---- hyperlab: live names -----------------------------------------------------------
                # Generated from the same model: which positional parameter or option of which command
                # takes a VM, container, image or snapshot name. The names come from the hidden command
                # `hyperlab __complete KIND ARGS...` (a small cache makes it answer fast).
                """);
        s.append("function __hyperlab_subcommands() {\n  case \"$1\" in\n");
        for (Node n : nodes) {
            if (!n.cmd().getSubcommands().isEmpty()) {
                s.append("    ").append(quote(n.path())).append(") echo ")
                        .append(String.join(" ", n.cmd().getSubcommands().keySet())).append(" ;;\n");
            }
        }
        s.append("  esac\n}\n");
        s.append("function __hyperlab_arg_options() {\n  case \"$1\" in\n");
        for (Node n : nodes) {
            List<String> names = new ArrayList<>();
            for (OptionSpec o : n.cmd().getCommandSpec().options()) {
                if (o.arity().max() > 0) {
                    names.addAll(List.of(o.names()));
                }
            }
            if (!names.isEmpty()) {
                s.append("    ").append(quote(n.path())).append(") echo ").append(String.join(" ", names)).append(" ;;\n");
            }
        }
        s.append("  esac\n}\n");
        Map<String, String> positional = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (Node n : nodes) {
            CommandSpec spec = n.cmd().getCommandSpec();
            for (PositionalParamSpec p : spec.positionalParameters()) {
                kindOf(p).ifPresent(kind -> {
                    CommandLine.Range r = p.index();
                    if (r.max() == Integer.MAX_VALUE) {
                        for (int i = 0; i < r.min(); i++) {
                            positional.putIfAbsent(quote(n.path() + "#" + i), kind);
                        }
                        positional.put(quote(n.path() + "#") + "*", kind);
                    } else {
                        for (int i = r.min(); i <= r.max(); i++) {
                            positional.putIfAbsent(quote(n.path() + "#" + i), kind);
                        }
                    }
                });
            }
            for (OptionSpec o : spec.options()) {
                kindOf(o).ifPresent(kind -> {
                    for (String name : o.names()) {
                        options.put(quote(n.path() + "#" + name), kind);
                    }
                });
            }
        }
        s.append("function __hyperlab_positional_kind() {\n  case \"$1#$2\" in\n");
        positional.entrySet().stream().sorted((a, b) -> Boolean.compare(a.getKey().endsWith("*"), b.getKey().endsWith("*")))
                .forEach(e -> s.append("    ").append(e.getKey()).append(") echo ").append(e.getValue()).append(" ;;\n"));
        s.append("  esac\n}\n");
        s.append("function __hyperlab_option_kind() {\n  case \"$1#$2\" in\n");
        options.forEach((k, v) -> s.append("    ").append(k).append(") echo ").append(v).append(" ;;\n"));
        s.append("  esac\n}\n");
        s.append("""
                # Walks the words before the cursor as the parser does: subcommands, then options (skipping
                # their values) and positional parameters; then asks for the names the current word takes.
                function __hyperlab_live() {
                  local i w path="" skip=0 end=0
                  local -a positionals=()
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    w=${COMP_WORDS[i]}
                    if ((skip)); then skip=0; continue; fi
                    if ((!end)); then
                      case "$w" in
                        --) end=1; continue ;;
                        -*=*) continue ;;
                        -*) [[ " $(__hyperlab_arg_options "$path") " == *" $w "* ]] && skip=1; continue ;;
                      esac
                    fi
                    if ((${#positionals[@]} == 0)) && [[ " $(__hyperlab_subcommands "$path") " == *" $w "* ]]; then
                      path=${path:+$path }$w
                    else
                      positionals+=("$w")
                    fi
                  done
                  local cur=${COMP_WORDS[COMP_CWORD]} kind=""
                  if ((skip)); then
                    kind=$(__hyperlab_option_kind "$path" "${COMP_WORDS[COMP_CWORD-1]}")
                  elif ((end)) || [[ $cur != -* ]]; then
                    kind=$(__hyperlab_positional_kind "$path" "${#positionals[@]}")
                  fi
                  [[ -n $kind ]] || return 0
                  local names
                  names=$("${COMP_WORDS[0]}" __complete "$kind" "${positionals[@]}" 2>/dev/null) || return 0
                  local IFS=$'\\n'
                  COMPREPLY+=( $(compgen -W "$names" -- "$cur") )
                }

                function _complete_hyperlab_live() {
                  _complete_hyperlab "$@"
                  __hyperlab_live
                }
                """);
        return s.toString();
    }

    private static java.util.Optional<String> kindOf(ArgSpec a) {
        return a.completionCandidates() instanceof NameKind.Marker m ? java.util.Optional.of(m.kind().word())
                : java.util.Optional.empty();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /**
     * fish: one {@code complete} line per subcommand, option and live-name parameter, each guarded
     * by the command path typed so far ({@code __hyperlab_path}, the same walk as for bash).
     */
    public static String fish(CommandLine root) {
        List<Node> nodes = walk(root);
        StringBuilder s = new StringBuilder("# hyperlab completion for fish, generated from the command model.\n");
        s.append("""
                function __hyperlab_path
                    set -l words (commandline -opc)
                    set -e words[1]
                    set -l path ''
                    for w in $words
                        string match -q -- '-*' $w; and continue
                        set -l subs (__hyperlab_subs "$path" | string split " ")
                        if contains -- $w $subs
                            set path (string trim -- "$path $w")
                        else
                            break
                        end
                    end
                    echo $path
                end
                function __hyperlab_args
                    set -l words (commandline -opc)
                    set -l path (__hyperlab_path)
                    set -l n (count (string split ' ' -- $path))
                    test -z "$path"; and set n 0
                    for w in $words[(math $n + 2)..-1]
                        string match -q -- '-*' $w; or echo $w
                    end
                end
                """);
        s.append("function __hyperlab_at\n    set -l p (__hyperlab_path)\n    test \"$p\" = \"$argv[1]\"\nend\n");
        s.append("function __hyperlab_subs\n    switch \"$argv[1]\"\n");
        for (Node n : nodes) {
            if (!n.cmd().getSubcommands().isEmpty()) {
                s.append("        case ").append(fishQuote(n.path())).append("\n            echo ")
                        .append(String.join(" ", n.cmd().getSubcommands().keySet())).append("\n");
            }
        }
        s.append("    end\nend\n");
        s.append("complete -c hyperlab -f\n");
        for (Node n : nodes) {
            String cond = "-n '__hyperlab_at \"" + n.path() + "\"'";
            n.cmd().getSubcommands().forEach((name, sub) -> s.append("complete -c hyperlab ").append(cond)
                    .append(" -a ").append(fishQuote(name)).append(" -d ").append(fishQuote(firstLine(sub.getCommandSpec()))).append("\n"));
            for (OptionSpec o : n.cmd().getCommandSpec().options()) {
                if (o.hidden()) {
                    continue;
                }
                StringBuilder line = new StringBuilder("complete -c hyperlab ").append(cond);
                for (String name : o.names()) {
                    line.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
                }
                if (o.arity().max() > 0) {
                    List<String> values = new ArrayList<>();
                    if (o.completionCandidates() instanceof NameKind.Marker m) {
                        line.append(" -x -a '(hyperlab __complete ").append(m.kind().word()).append(")'");
                    } else if (o.completionCandidates() != null) {
                        o.completionCandidates().forEach(values::add);
                        line.append(" -x -a ").append(fishQuote(String.join(" ", values)));
                    } else if (o.type() == java.nio.file.Path.class || o.type() == java.io.File.class) {
                        line.append(" -r -F");
                    } else {
                        line.append(" -x");
                    }
                }
                String d = o.description().length > 0 ? o.description()[0] : "";
                s.append(line).append(" -d ").append(fishQuote(d)).append("\n");
            }
            for (PositionalParamSpec p : n.cmd().getCommandSpec().positionalParameters()) {
                if (p.completionCandidates() instanceof NameKind.Marker m) {
                    s.append("complete -c hyperlab ").append(cond)
                            .append(" -a '(hyperlab __complete ").append(m.kind().word()).append(" (__hyperlab_args))'\n");
                } else if (p.completionCandidates() != null) {
                    List<String> values = new ArrayList<>();
                    p.completionCandidates().forEach(values::add);
                    s.append("complete -c hyperlab ").append(cond).append(" -a ").append(fishQuote(String.join(" ", values))).append("\n");
                }
            }
        }
        return s.toString();
    }

    private static String firstLine(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    private static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
