package dev.hyperlab.images.archive;

import dev.hyperlab.images.ImageException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Checks archive entry names and link targets so nothing lands outside the extraction root. */
public final class PathCheck {
    private PathCheck() {}

    /**
     * The entry name as a clean relative path ("./etc/x" and "etc/x" are both "etc/x"; "." is ""),
     * or a BAD_INPUT error for absolute names and names with "..".
     */
    public static String entryName(String name, String what) {
        if (name.startsWith("/")) {
            throw reject(what, "entry '" + name + "' has an absolute path");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : name.split("/")) {
            if (p.equals("..")) {
                throw reject(what, "entry '" + name + "' contains '..'");
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        if (name.indexOf('\0') >= 0) {
            throw reject(what, "entry '" + name + "' contains a NUL byte");
        }
        return String.join("/", parts);
    }

    /**
     * Resolves a symlink target relative to the link's directory (absolute targets count from the
     * root, as they would inside the guest or container) and fails if it climbs above the root.
     */
    public static void symlinkTarget(String entry, String target, String what) {
        Deque<String> stack = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            String[] dir = entry.split("/");
            for (int i = 0; i < dir.length - 1; i++) {
                if (!dir[i].isEmpty()) {
                    stack.addLast(dir[i]);
                }
            }
        }
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (stack.isEmpty()) {
                    throw reject(what, "symlink '" + entry + "' -> '" + target + "' escapes the root");
                }
                stack.removeLast();
            } else {
                stack.addLast(p);
            }
        }
    }

    /** Hard links name another entry of the archive: the same rules as entry names. */
    public static String hardlinkTarget(String entry, String target, String what) {
        try {
            return entryName(target, what);
        } catch (ImageException e) {
            throw reject(what, "hard link '" + entry + "' -> '" + target + "' escapes the root");
        }
    }

    /** A regular file entry (Commons Compress's isFile() is also true for hard links and odd types). */
    public static boolean isRegular(org.apache.commons.compress.archivers.tar.TarArchiveEntry e) {
        return e.isFile() && !e.isLink() && !e.isSymbolicLink() && !e.isDirectory() && !e.isCharacterDevice()
                && !e.isBlockDevice() && !e.isFIFO();
    }

    static ImageException reject(String what, String why) {
        return ImageException.badInput(what + " rejected: " + why + "; try an archive made with tar -C ROOT .");
    }
}
