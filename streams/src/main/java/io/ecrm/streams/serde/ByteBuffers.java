package io.ecrm.streams.serde;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The byte streams under the binary forms, without the locks of {@code ByteArrayOutputStream}
 * and {@code ByteArrayInputStream} (every byte a {@code DataOutputStream} writes is one call) and
 * with one growing buffer per thread for writing: the stream thread writes a visitor's whole
 * record for every event, and the copies of a buffer grown from 64 bytes and the locks were a
 * tenth of its time.
 */
final class ByteBuffers {
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private ByteBuffers() {
    }

    /**
     * This thread's output, emptied, until its {@link Output#toByteArray}; a new one when it is in
     * use (a form that writes another form's bytes inside its own).
     */
    static Output output() {
        Output output = OUTPUT.get();
        if (output.inUse) {
            output = new Output();
        }
        output.inUse = true;
        output.size = 0;
        return output;
    }

    static InputStream input(byte[] data) {
        return new Input(data);
    }

    /** A growing buffer; {@link #toByteArray} copies out what was written. */
    static final class Output extends OutputStream {
        private byte[] buffer = new byte[4096];
        private int size;
        private boolean inUse;

        @Override
        public void write(int b) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (size + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
            }
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        /** What was written; the output is free for the next {@link ByteBuffers#output} on this thread. */
        byte[] toByteArray() {
            inUse = false;
            return Arrays.copyOf(buffer, size);
        }

        /** Frees the output without taking what was written (a write that failed). */
        void release() {
            inUse = false;
        }
    }

    private static final class Input extends InputStream {
        private final byte[] data;
        private int position;

        Input(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int available = data.length - position;
            if (available <= 0) {
                return -1;
            }
            int n = Math.min(length, available);
            System.arraycopy(data, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return data.length - position;
        }
    }
}
