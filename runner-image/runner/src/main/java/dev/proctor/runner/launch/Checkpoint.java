package dev.proctor.runner.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes the termination message in place, as often as the runner likes, so that at any moment the file holds one
 * whole, valid summary — whatever kills the JVM.
 *
 * <p>The file cannot be replaced by a rename (in a pod it is a bind mount), so each write goes over the old one at
 * offset 0 in one {@code pwrite} of at most 4096 bytes, padded with spaces (valid trailing JSON whitespace) to the
 * longest length written so far: no stale tail of a longer earlier summary can ever follow the JSON, and the file is
 * never truncated, so there is no moment at which it is empty. No fsync: kubelet reads the file after the process
 * died, from the page cache a dead process does not take with it.
 */
final class Checkpoint implements AutoCloseable {
    private final FileChannel channel;
    private int longest;

    Checkpoint(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) Files.createDirectories(parent);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.longest = (int) Math.min(Integer.MAX_VALUE, channel.size());
    }

    synchronized void write(byte[] summary) {
        int length = Math.max(summary.length, longest);
        byte[] padded = Arrays.copyOf(summary, length);
        Arrays.fill(padded, summary.length, length, (byte) ' ');
        try {
            ByteBuffer buffer = ByteBuffer.wrap(padded);
            long position = 0;
            while (buffer.hasRemaining()) position += channel.write(buffer, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        longest = length;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
