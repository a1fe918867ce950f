package dev.hyperlab.images.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ImageException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@link ImageStore}'s records: {@code ROOT/records/NAME.json}, one per named image. Each is
 * written to a temp file and moved in atomically, so a reader sees the old record or the new one,
 * never half of one; each is read and checked whole by {@link RecordFile}.
 */
final class RecordDir {
    private final Path dir;
    /** Where a record is written before it is moved in: on the same filesystem. */
    private final Path tmp;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RecordDir(Path dir, Path tmp) {
        this.dir = dir;
        this.tmp = tmp;
    }

    Path dir() { return dir; }

    /** The record file of a (valid) image name, whether it exists or not. */
    Path file(String name) { return dir.resolve(name + ".json"); }

    /** Image {@code name}'s record, or empty when there is none; a broken one is a one-line error. */
    Optional<ImageRecord> find(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordFile.read(json, f, name));
        } catch (RecordFile.BrokenRecordException e) {
            throw new ImageException(Kind.FAILED, "image " + name + " is broken: " + e.getMessage()
                    + "; try hyperlab image rm " + name + ", then import or build it again", e);
        }
    }

    /** Whether image {@code name}'s record exists but cannot be read. */
    boolean isBroken(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            RecordFile.read(json, f, name);
            return false;
        } catch (RecordFile.BrokenRecordException e) {
            return true;
        }
    }

    /** Reads every record; one broken record is reported beside the others instead of hiding them. */
    ImageStore.Contents contents() {
        List<ImageRecord> good = new ArrayList<>();
        List<ImageStore.BrokenRecord> broken = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String n = f.getFileName().toString();
                String name = n.substring(0, n.length() - 5);
                try {
                    good.add(RecordFile.read(json, f, name));
                } catch (RecordFile.BrokenRecordException e) {
                    broken.add(new ImageStore.BrokenRecord(name, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new ImageException(Kind.FAILED, "listing images failed: cannot read " + dir + ": "
                    + e.getMessage() + "; try checking its permissions", e);
        }
        return new ImageStore.Contents(good, broken);
    }

    void write(ImageRecord rec) throws IOException {
        Path tmpFile = Files.createTempFile(tmp, "record-", ".json");
        try {
            json.writeValue(tmpFile.toFile(), rec);
            Files.setPosixFilePermissions(tmpFile, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmpFile, file(rec.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            ImageStore.deleteQuietly(tmpFile);
        }
    }

    void delete(String name) throws IOException { Files.delete(file(name)); }
}
