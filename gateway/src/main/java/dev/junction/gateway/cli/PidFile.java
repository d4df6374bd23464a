package dev.junction.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code junction.pid} in the data folder: which process serves this installation, for {@code junction reload}. */
final class PidFile {
    private PidFile() {}

    static Path in(Path dataDir) {
        return dataDir.resolve("junction.pid");
    }

    static void write(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(in(dataDir), Long.toString(ProcessHandle.current().pid()) + "\n", StandardCharsets.US_ASCII);
    }

    /** Removes the file if it still names this process. */
    static void remove(Path dataDir) {
        try {
            if (read(dataDir).filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
                Files.deleteIfExists(in(dataDir));
            }
        } catch (IOException e) {
            // a stale file is harmless: reload checks that the process lives
        }
    }

    static Optional<Long> read(Path dataDir) throws IOException {
        Path file = in(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
