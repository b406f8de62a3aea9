package dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepProfileTest {

    private static final String MAIN = "dlcourse.train.Benchmark.main";
    private static final String PASS = "dlcourse.train.Epochs.shuffledPass";
    private static final String INVOKE = "ai.djl.mxnet.jna.JnaUtils.imperativeInvoke";
    private static final String JNA = "com.sun.jna.Function.invoke";

    /** Frames innermost first, as JFR gives them. */
    private static List<String> stack(String... innermostFirst) {
        return List.of(innermostFirst);
    }

    @Test
    void aSampleBelongsToTheOutermostDjlCallOnItsStack() {
        assertEquals(StepProfile.FORWARD, StepProfile.phase(stack(INVOKE, "ai.djl.nn.core.Linear.forwardInternal",
                "ai.djl.training.Trainer.forward", PASS, MAIN)));
        assertEquals(StepProfile.STEP, StepProfile.phase(stack("ai.djl.mxnet.engine.MxNDArray.close",
                "ai.djl.training.ParameterStore.updateAllParameters", "ai.djl.training.Trainer.step", PASS, MAIN)));
        assertEquals(StepProfile.LOSS, StepProfile.phase(stack(INVOKE,
                "ai.djl.training.loss.SoftmaxCrossEntropyLoss.evaluate", PASS, MAIN)));
        assertEquals(StepProfile.BACKWARD, StepProfile.phase(stack("ai.djl.mxnet.jna.JnaUtils.autogradBackward",
                "ai.djl.mxnet.engine.MxGradientCollector.backward", PASS, MAIN)));
        assertEquals(StepProfile.AUTOGRAD, StepProfile.phase(stack("ai.djl.mxnet.engine.MxGradientCollector.close", PASS)));
        assertEquals(StepProfile.AUTOGRAD, StepProfile.phase(stack("ai.djl.training.Trainer.newGradientCollector", PASS)));
        assertEquals(StepProfile.STEP, StepProfile.phase(stack(INVOKE, "ai.djl.training.optimizer.Sgd.update",
                "dlcourse.train.InPlaceTrainer.step", PASS, MAIN)), "the course's in-place step is the optimiser step");
    }

    @Test
    void batchingReadBackManagersAndOtherArrayOpsAreToldApart() {
        assertEquals(StepProfile.BATCHING, StepProfile.phase(stack(INVOKE, "ai.djl.ndarray.NDArray.get", PASS)));
        assertEquals(StepProfile.BATCHING, StepProfile.phase(stack("ai.djl.ndarray.index.NDIndex.<init>", PASS)));
        assertEquals(StepProfile.READ_BACK, StepProfile.phase(stack("ai.djl.ndarray.NDArray.getFloat", PASS)));
        assertEquals(StepProfile.MEMORY, StepProfile.phase(stack("ai.djl.ndarray.BaseNDManager.close", PASS)));
        assertEquals(StepProfile.METRICS, StepProfile.phase(stack(INVOKE, "ai.djl.mxnet.engine.MxNDArray.argMax",
                "dlcourse.train.Training.correctCount", PASS)));
        assertEquals(StepProfile.OTHER, StepProfile.phase(stack("dlcourse.train.BatchChecks.checkLoss", PASS, MAIN)));
    }

    @Test
    void nativeSamplesAreTheEngineJnaFramesTheCrossingTheRestJava() {
        assertEquals(0, StepProfile.where(new StepProfile.Sample(stack("com.sun.jna.Native.invokeInt", INVOKE), true)));
        assertEquals(1, StepProfile.where(new StepProfile.Sample(stack(JNA, INVOKE), false)));
        assertEquals(1, StepProfile.where(new StepProfile.Sample(stack("jdk.proxy2.$Proxy12.MXImperativeInvokeEx", INVOKE), false)));
        assertEquals(2, StepProfile.where(new StepProfile.Sample(stack("ai.djl.ndarray.index.NDIndex.<init>", PASS), false)));
        assertEquals(2, StepProfile.where(new StepProfile.Sample(stack("java.lang.System.nanoTime", PASS), true)),
                "a JVM native method outside any DJL call is not engine time");
    }

    @Test
    void theStepIsSharedOutInProportionToTheSamples() {
        // 4 samples over a 2 ms step: 0.5 ms each.
        List<StepProfile.Sample> samples = List.of(
                new StepProfile.Sample(stack(INVOKE, "ai.djl.training.Trainer.forward", PASS), true),
                new StepProfile.Sample(stack(INVOKE, "ai.djl.training.Trainer.forward", PASS), true),
                new StepProfile.Sample(stack(JNA, INVOKE, "ai.djl.training.Trainer.forward", PASS), false),
                new StepProfile.Sample(stack("ai.djl.training.ParameterStore.updateAllParameters",
                        "ai.djl.training.Trainer.step", PASS), false));
        StepProfile.Breakdown breakdown = StepProfile.breakdown(samples, 2.0, 100);
        StepProfile.Phase forward = phase(breakdown, StepProfile.FORWARD);
        assertEquals(1.0, forward.engineMilliseconds(), 1e-12);
        assertEquals(0.5, forward.jnaMilliseconds(), 1e-12);
        assertEquals(0.0, forward.javaMilliseconds(), 1e-12);
        assertEquals(0.5, phase(breakdown, StepProfile.STEP).javaMilliseconds(), 1e-12);
        assertEquals(0.5, breakdown.engineShare(), 1e-12);
        assertEquals(StepProfile.PHASES, breakdown.phases().stream().map(StepProfile.Phase::phase).toList());
        assertEquals(4, breakdown.samples());
        assertEquals(100, breakdown.steps());
    }

    @Test
    void noSamplesGiveZeroes() {
        StepProfile.Breakdown breakdown = StepProfile.breakdown(List.of(), 2.0, 10);
        assertEquals(0, breakdown.phases().stream().mapToDouble(StepProfile.Phase::totalMilliseconds).sum());
        assertEquals(0, breakdown.engineShare());
    }

    @Test
    void theTableShowsThePhasesThatHaveTime() {
        List<StepProfile.Sample> samples = List.of(
                new StepProfile.Sample(stack(INVOKE, "ai.djl.training.Trainer.forward", PASS), true),
                new StepProfile.Sample(stack("ai.djl.training.Trainer.step", PASS), false));
        String[] lines = StepProfile.table("mlp", StepProfile.breakdown(samples, 3.0, 200)).split("\n");
        assertEquals("mlp: 3.000 ms per training step, 50% of it inside the engine (2 samples over 200 steps)", lines[0]);
        assertEquals(List.of("phase", "engine", "JNA", "Java", "total", "share"), List.of(lines[1].trim().split("\\s+")));
        assertEquals(List.of("forward", "1.500", "0.000", "0.000", "1.500", "50.0%"), List.of(lines[2].trim().split("\\s+")));
        assertEquals(List.of("optimiser", "step", "0.000", "0.000", "1.500", "1.500", "50.0%"),
                List.of(lines[3].trim().split("\\s+")));
        assertEquals(4, lines.length);
    }

    @Test
    void aWindowWithoutStepsOrTimeIsRefused() {
        StepProfile profile = StepProfile.start();
        try {
            Instant now = Instant.now();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> profile.window(now, now, 5));
            assertTrue(e.getMessage().contains("positive duration"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> profile.window(now, now.plusMillis(1), 0));
        } finally {
            profile.finish();
        }
    }

    @Test
    void aRealRecordingCountsOnlyTheWindowsSamples() {
        StepProfile profile = StepProfile.start();
        Instant from = Instant.now();
        // A full second: JFR's sampler starts a little after the recording, and on a busy machine it
        // may be scheduled late; 200 ms sometimes gave no sample at all.
        long spin = System.nanoTime() + 1_000_000_000L;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }
        profile.window(from, Instant.now(), 4);
        StepProfile.Breakdown breakdown = profile.finish();
        assertTrue(sink > 0);
        assertEquals(4, breakdown.steps());
        assertTrue(breakdown.stepMilliseconds() >= 50, "1 s over 4 steps: " + breakdown.stepMilliseconds());
        assertTrue(breakdown.samples() > 0, "a busy thread is sampled");
        assertEquals(0, breakdown.engineShare(), "pure Java has no engine time");
    }

    private static StepProfile.Phase phase(StepProfile.Breakdown breakdown, String name) {
        return breakdown.phases().stream().filter(p -> p.phase().equals(name)).findFirst().orElseThrow();
    }
}
