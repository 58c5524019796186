package io.ecrm.streams.serde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact, versioned binary serde for state values, written field by field. State is read on
 * every query, so it avoids the cost of JSON; the leading version byte lets a later format read
 * an older one.
 */
public final class BinarySerde<T> implements Serde<T> {
    /** Writes the fields of a value. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    /** Reads the fields of a value written with the given format version. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private final int version;
    private final Writer<T> writer;
    private final Reader<T> reader;

    public BinarySerde(int version, Writer<T> writer, Reader<T> reader) {
        this.version = version;
        this.writer = writer;
        this.reader = reader;
    }

    public byte[] toBytes(T value) {
        return value == null ? null : write(version, writer, value);
    }

    /** A value's bytes in a form whose reader lives elsewhere: the version byte, then the fields. */
    public static <T> byte[] write(int version, Writer<T> writer, T value) {
        ByteBuffers.Output bytes = ByteBuffers.output();
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(version);
            writer.write(value, out);
        } catch (IOException | RuntimeException e) {
            bytes.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return bytes.toByteArray();
    }

    public T fromBytes(byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(ByteBuffers.input(data))) {
            int written = in.readUnsignedByte();
            if (written > version) {
                throw new IllegalStateException("state written by a newer format (" + written + " > " + version + ")");
            }
            return reader.read(in, written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> fromBytes(data);
    }
}
