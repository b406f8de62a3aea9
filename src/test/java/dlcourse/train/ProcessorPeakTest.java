package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessorPeakTest {

    /** One processor's block of /proc/cpuinfo, as Linux writes it (tabs before the colons). */
    private static String processor(int number, String vendor, int family, int model, String name, String megahertz,
                                    int core, String flags) {
        return "processor\t: " + number + "\nvendor_id\t: " + vendor + "\ncpu family\t: " + family + "\nmodel\t\t: "
                + model + "\nmodel name\t: " + name + "\ncpu MHz\t\t: " + megahertz + "\nphysical id\t: 0\ncore id\t\t: "
                + core + "\nflags\t\t: fpu sse sse2 " + flags + " ht\n\n";
    }

    @Test
    void zen3WithAvx2CountsTwoFmaUnitsOfEightLanes() {
        String cpuinfo = processor(0, "AuthenticAMD", 25, 1, "AMD EPYC", "2445.406", 0, "fma avx avx2")
                + processor(1, "AuthenticAMD", 25, 1, "AMD EPYC", "2445.406", 1, "fma avx avx2");
        ProcessorPeak peak = ProcessorPeak.parse(cpuinfo, 2);
        assertEquals("AMD EPYC", peak.model());
        assertEquals(2, peak.cores());
        assertEquals(32, peak.flopsPerCycle());
        assertEquals(2 * 2.445406 * 32, peak.gigaflops(), 1e-9);   // 156.5 GFLOP/s
        assertTrue(peak.explanation().contains("2 cores x 2.445 GHz"), peak.explanation());
    }

    @Test
    void hyperThreadsShareTheirCoreAndTheJvmsShareLimitsTheCores() {
        String flags = "fma avx avx2 avx512f";
        String cpuinfo = processor(0, "GenuineIntel", 6, 85, "Xeon", "2000.000", 0, flags)
                + processor(1, "GenuineIntel", 6, 85, "Xeon", "2000.000", 1, flags)
                + processor(2, "GenuineIntel", 6, 85, "Xeon", "2000.000", 0, flags)
                + processor(3, "GenuineIntel", 6, 85, "Xeon", "2000.000", 1, flags);
        ProcessorPeak peak = ProcessorPeak.parse(cpuinfo, 4);
        assertEquals(2, peak.cores(), "4 logical processors on 2 cores");
        assertEquals(64, peak.flopsPerCycle());
        assertEquals(256.0, peak.gigaflops(), 1e-9);   // 2 x 2 GHz x 64
        assertEquals(1, ProcessorPeak.parse(cpuinfo, 1).cores());
    }

    @Test
    void amdGenerationsWithNarrowerUnitsGetFewerFlopsPerCycle() {
        String zen1 = processor(0, "AuthenticAMD", 23, 1, "Ryzen 7 1700", "3000.000", 0, "fma avx avx2");
        assertEquals(16, ProcessorPeak.parse(zen1, 8).flopsPerCycle());
        String zen4 = processor(0, "AuthenticAMD", 25, 17, "EPYC 9654", "2400.000", 0, "fma avx avx2 avx512f");
        assertEquals(32, ProcessorPeak.parse(zen4, 8).flopsPerCycle());
    }

    @Test
    void olderInstructionSetsCountSeparateAddAndMultiply() {
        assertEquals(16, ProcessorPeak.parse(processor(0, "GenuineIntel", 6, 42, "i7", "3400.000", 0, "avx"), 1)
                .flopsPerCycle());
        assertEquals(8, ProcessorPeak.parse(processor(0, "GenuineIntel", 6, 23, "Core 2", "2400.000", 0, "sse4_1"), 1)
                .flopsPerCycle());
    }

    @Test
    void aCpuinfoWithoutAClockIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessorPeak.parse("processor\t: 0\nflags\t\t: avx2 fma\n", 1));
        assertTrue(e.getMessage().contains("cpu MHz"), e.getMessage());
    }
}
