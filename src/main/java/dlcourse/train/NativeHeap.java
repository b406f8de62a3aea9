package dlcourse.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * What glibc's {@code malloc} holds, for the bench's memory table: the bytes the process's native
 * code (the engine, the JVM's own C code) has allocated and not freed, and the bytes it has freed
 * that {@code malloc} keeps for reuse instead of giving back to the system. A leak grows the first;
 * freed tensors that {@code malloc} holds on to grow only the second, and RSS with it, until
 * {@code malloc_trim} (which the kernel's JVM calls every 2 s) returns them.
 *
 * <p>Read with {@code mallinfo2} (glibc 2.33 and later), summed over all of {@code malloc}'s arenas.
 * Where there is no such glibc (macOS, Windows, musl) both figures are {@link #UNKNOWN}.
 */
final class NativeHeap {

    /** What {@link #usage()} returns where glibc's {@code mallinfo2} cannot be called. */
    static final long UNKNOWN = -1;

    /** Native heap in kilobytes: allocated and not freed, and freed but held by {@code malloc}. */
    record Usage(long inUseKilobytes, long freeKilobytes) {
    }

    /** glibc's {@code struct mallinfo2}: ten {@code size_t} fields, in this order. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** The part of glibc the bench calls. */
    interface CLibrary extends Library {
        MallInfo2 mallinfo2();

        int malloc_trim(long pad);
    }

    private static final CLibrary C = load();

    private NativeHeap() {
    }

    private static CLibrary load() {
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.mallinfo2();
            return c;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError notGlibc) {
            return null;
        }
    }

    /** The native heap now, or both figures {@link #UNKNOWN} without glibc's {@code mallinfo2}. */
    static Usage usage() {
        if (C == null) {
            return new Usage(UNKNOWN, UNKNOWN);
        }
        return of(C.mallinfo2());
    }

    /**
     * Gives the free pages {@code malloc} holds back to the system, as the kernel's JVM does every
     * 2 s ({@code -XX:TrimNativeHeapInterval}), so that a reading shows what a notebook's process
     * holds between cells, not how many freed pages the last 2 s left. Nothing without glibc.
     */
    static void trim() {
        if (C != null) {
            C.malloc_trim(0);
        }
    }

    /** In use: small chunks allocated ({@code uordblks}) plus large ones mapped on their own ({@code hblkhd}); free: {@code fordblks}. */
    static Usage of(MallInfo2 info) {
        return new Usage((info.uordblks + info.hblkhd) / 1024, info.fordblks / 1024);
    }
}
