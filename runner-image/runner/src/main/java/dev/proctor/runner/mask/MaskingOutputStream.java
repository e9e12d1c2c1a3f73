package dev.proctor.runner.mask;

import dev.proctor.core.mask.Masker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Masks what tests print to {@code System.out} and {@code System.err}. It buffers up to a line break (or
 * {@value #MAX_LINE} bytes), because a secret printed in two writes must still be seen whole.
 */
public final class MaskingOutputStream extends OutputStream {
    static final int MAX_LINE = 64 * 1024;

    private final OutputStream target;
    private volatile Masker masker;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public MaskingOutputStream(OutputStream target, Masker masker) {
        this.target = target;
        this.masker = masker;
    }

    /** Switches to a better-informed masker, e.g. once the plan has named the secret env vars. */
    public void use(Masker newMasker) {
        this.masker = newMasker;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) emit();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.write(bytes[i]);
            if (bytes[i] == '\n' || line.size() >= MAX_LINE) emit();
        }
    }

    /** Flushing does not emit a partial line: that could split a secret; {@link #close} does. */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit();
        target.flush();
    }

    private void emit() throws IOException {
        if (line.size() == 0) return;
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(masker.mask(text).getBytes(StandardCharsets.UTF_8));
        target.flush();
    }
}
