package dlcourse.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * This CPU's peak fp32 throughput, estimated from {@code /proc/cpuinfo} as
 * cores x clock x FLOPs per cycle. FLOPs per cycle come from the widest fused multiply-add the
 * flags advertise: two FMA units x 8 fp32 lanes x 2 (multiply and add) = 32 with AVX2 and FMA
 * (Intel since Haswell, AMD since Zen 2), 64 with AVX-512 on Intel and AMD Zen 5, 32 on Zen 4
 * (it runs 512-bit operations on 256-bit units) and 16 on Zen and Zen+ (128-bit units). The clock
 * is the largest "cpu MHz" listed, the nominal clock on most machines and virtual machines; a core
 * that boosts above it can beat the estimate.
 */
public record ProcessorPeak(String model, int cores, double megahertz, int flopsPerCycle, String units) {

    /** The estimate for this machine, counting at most {@code availableProcessors} cores. */
    public static ProcessorPeak ofThisMachine() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            return parse(Files.readString(cpuinfo), Runtime.getRuntime().availableProcessors());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cpuinfo + " to estimate the CPU's peak FLOP/s", e);
        }
    }

    /**
     * The estimate from the text of {@code /proc/cpuinfo}. Cores are distinct (physical id, core id)
     * pairs, so hyper-threads, which share their core's FMA units, are not counted twice.
     */
    public static ProcessorPeak parse(String cpuinfo, int availableProcessors) {
        String model = "unknown CPU";
        String vendor = "";
        String flags = "";
        int family = 0;
        int modelNumber = 0;
        double megahertz = 0;
        int processors = 0;
        Set<String> physicalCores = new HashSet<>();
        String physicalId = "0";
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> processors++;
                case "model name" -> model = value;
                case "vendor_id" -> vendor = value;
                case "flags" -> flags = " " + value + " ";
                case "cpu family" -> family = Integer.parseInt(value);
                case "model" -> modelNumber = Integer.parseInt(value);
                case "cpu MHz" -> megahertz = Math.max(megahertz, Double.parseDouble(value));
                case "physical id" -> physicalId = value;
                case "core id" -> physicalCores.add(physicalId + "/" + value);
                default -> { }
            }
        }
        if (processors == 0 || megahertz == 0) {
            throw new IllegalArgumentException("/proc/cpuinfo lists no processor with a 'cpu MHz' line; "
                    + "cannot estimate the peak FLOP/s");
        }
        int cores = physicalCores.isEmpty() ? processors : physicalCores.size();
        cores = Math.min(cores, availableProcessors);
        boolean amd = vendor.equals("AuthenticAMD");
        String units;
        int flopsPerCycle;
        if (flags.contains(" avx512f ") && !(amd && family == 0x19)) {
            units = "AVX-512: 2 FMA units x 16 lanes x 2";
            flopsPerCycle = 64;
        } else if (flags.contains(" avx512f ")) {
            units = "AVX-512 on Zen 4's 256-bit units: 2 FMA units x 8 lanes x 2";
            flopsPerCycle = 32;
        } else if (flags.contains(" avx2 ") && flags.contains(" fma ") && amd && family == 0x17 && modelNumber < 0x30) {
            units = "AVX2 on Zen's 128-bit units: 2 FMA units x 4 lanes x 2";
            flopsPerCycle = 16;
        } else if (flags.contains(" avx2 ") && flags.contains(" fma ")) {
            units = "AVX2+FMA: 2 FMA units x 8 lanes x 2";
            flopsPerCycle = 32;
        } else if (flags.contains(" avx ")) {
            units = "AVX: 1 add + 1 multiply unit x 8 lanes";
            flopsPerCycle = 16;
        } else {
            units = "SSE: 1 add + 1 multiply unit x 4 lanes";
            flopsPerCycle = 8;
        }
        return new ProcessorPeak(model, cores, megahertz, flopsPerCycle, units);
    }

    /** Peak fp32 GFLOP/s: cores x GHz x FLOPs per cycle. */
    public double gigaflops() {
        return cores * megahertz / 1000 * flopsPerCycle;
    }

    /** How the peak was worked out, in one line. */
    public String explanation() {
        return String.format(Locale.ROOT, "%d cores x %.3f GHz (cpu MHz in /proc/cpuinfo) x %d fp32 FLOPs/cycle (%s) = %.1f GFLOP/s",
                cores, megahertz / 1000, flopsPerCycle, units, gigaflops());
    }
}
