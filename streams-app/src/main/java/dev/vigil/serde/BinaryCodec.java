package dev.vigil.serde;

/**
 * A fixed binary layout for one store value type: {@link BinarySerde} sizes the value, writes it into an array of
 * exactly that size, and reads it back. The layout belongs to the value type; its version is {@link #version()}.
 */
public interface BinaryCodec<T> {

    /** Bumped whenever the layout changes; a reader refuses other versions rather than misread them. */
    byte version();

    /** The exact number of bytes {@link #write} puts. */
    int size(T value);

    void write(T value, BinaryWriter out);

    T read(BinaryReader in);
}
