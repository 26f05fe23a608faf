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

    /** Whether values written with layout {@code version} can be read: by default only the current one. */
    default boolean reads(final byte version) {
        return version == version();
    }

    /** Reads a value written with layout {@code version} (one that {@link #reads} accepts). */
    default T read(final BinaryReader in, final byte version) {
        return read(in);
    }
}
