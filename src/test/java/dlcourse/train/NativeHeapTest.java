package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    @Test
    void inUseIsSmallPlusMappedChunksAndFreeIsWhatMallocHolds() {
        NativeHeap.MallInfo2 info = new NativeHeap.MallInfo2();
        info.uordblks = 3 * 1024 * 1024;
        info.hblkhd = 5 * 1024 * 1024;
        info.fordblks = 2048;
        info.arena = 99 * 1024 * 1024;
        assertEquals(new NativeHeap.Usage(8 * 1024, 2), NativeHeap.of(info));
    }

    @Test
    void aNativeAllocationShowsAsInUseUntilFreed() {
        NativeHeap.Usage before = NativeHeap.usage();
        assumeTrue(before.inUseKilobytes() != NativeHeap.UNKNOWN, "this platform's C library has no mallinfo2");
        long during;
        try (Memory block = new Memory(64L << 20)) {
            block.setByte((64L << 20) - 1, (byte) 1);
            during = NativeHeap.usage().inUseKilobytes();
        }
        NativeHeap.trim();
        NativeHeap.Usage after = NativeHeap.usage();
        assertTrue(during - before.inUseKilobytes() >= 60 * 1024, before + " then " + during);
        assertTrue(during - after.inUseKilobytes() >= 60 * 1024, during + " then " + after);
        assertTrue(after.freeKilobytes() >= 0, after.toString());
    }
}
