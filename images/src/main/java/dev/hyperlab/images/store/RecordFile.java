package dev.hyperlab.images.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One record file of the {@link ImageStore} read and checked whole: a broken one says why, in one line. */
final class RecordFile {
    private RecordFile() {}

    /** Why a record file is not a usable record; its message is the reason shown to the user. */
    static final class BrokenRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenRecordException(String reason) { super(reason); }
    }

    /** The record in {@code f}, which must be image {@code name}'s, whole; or why it is not. */
    static ImageRecord read(ObjectMapper json, Path f, String name) throws BrokenRecordException {
        ImageRecord r;
        try {
            if (Files.size(f) == 0) {
                throw new BrokenRecordException("its record " + f.getFileName() + " is empty");
            }
            r = json.readValue(f.toFile(), ImageRecord.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // Jackson's own message spans lines and quotes the source; one line says enough.
            throw new BrokenRecordException("its record " + f.getFileName() + " is not valid JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("unreadable") + ")");
        } catch (IOException e) {
            throw new BrokenRecordException("its record " + f.getFileName() + " cannot be read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new BrokenRecordException("its record " + f.getFileName() + " is not an image record (" + e + ")");
        }
        if (r == null || r.name() == null || r.format() == null || r.sha256() == null) {
            throw new BrokenRecordException("its record " + f.getFileName() + " is incomplete (no name, format or sha256)");
        }
        if (!r.name().equals(name)) {
            throw new BrokenRecordException("its record " + f.getFileName() + " names another image (" + r.name() + ")");
        }
        if (!r.artifacts().containsKey(r.primaryRole())) {
            throw new BrokenRecordException("its record has no " + r.primaryRole() + " artifact");
        }
        for (String d : r.artifacts().values()) {
            if (d == null || !BlobDir.HEX64.matcher(d).matches()) {
                throw new BrokenRecordException("its record names a blob that is not a sha256 (" + d + ")");
            }
        }
        return r;
    }
}
