package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter08Solutions;
import dlcourse.notebook.Course;
import org.junit.jupiter.api.Test;

class Chapter08ExercisesTest {

    @Test
    void djlCountsTwoBiasesPerGate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // LSTM, 3 inputs, 2 hidden: 4 gates x (3*2 + 2*2 + 2 + 2) = 56, worked out by hand.
            assertEquals(56, Chapter08Exercises.djlParameters(manager, 4, 3, 2, 1));
            // A second layer reads the 2 hidden units: 4 x (2*2 + 2*2 + 2 + 2) = 48 more.
            assertEquals(56 + 48, Chapter08Exercises.djlParameters(manager, 4, 3, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> Chapter08Exercises.djlParameters(manager, 2, 3, 2, 1));
        }
    }

    @Test
    void parameterCountAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter08Exercises.parameterCount(Chapter08Solutions::parameterCount)).passed());
    }

    @Test
    void parameterCountRejectsWrongAnswers() {
        assertFalse(Printed.run(() -> Chapter08Exercises.parameterCount((g, i, h, l) -> Exercise.todo())).passed(), "the placeholder");
        assertFalse(Printed.run(() -> Chapter08Exercises.parameterCount((g, i, h, l) -> (long) g * l * (i * h + h * h + h))).passed(),
                "one bias per gate");
        assertFalse(Printed.run(() -> Chapter08Exercises.parameterCount((g, i, h, l) -> (long) g * l * (i * h + h * h + 2 * h))).passed(),
                "every layer reading the input");
    }

    @Test
    void gruStepAcceptsTheSolution() {
        assertTrue(Printed.run(() -> Chapter08Exercises.gruStep(Chapter08Solutions::gruStep)).passed());
    }

    @Test
    void gruStepRejectsWrongAnswers() {
        assertFalse(Printed.run(() -> Chapter08Exercises.gruStep((x, h, p) -> Exercise.todo())).passed(), "the placeholder");
        assertFalse(Printed.run(() -> Chapter08Exercises.gruStep((x, h, p) -> {       // DJL's variant: reset after W_hh
            NDArray z = Activation.sigmoid(x.matMul(p.get(0)).add(h.matMul(p.get(1))).add(p.get(2)));
            NDArray r = Activation.sigmoid(x.matMul(p.get(3)).add(h.matMul(p.get(4))).add(p.get(5)));
            NDArray candidate = x.matMul(p.get(6)).add(r.mul(h.matMul(p.get(7)))).add(p.get(8)).tanh();
            return z.mul(h).add(z.neg().add(1).mul(candidate));
        })).passed(), "the reset gate applied after the multiplication by W_hh");
        assertFalse(Printed.run(() -> Chapter08Exercises.gruStep((x, h, p) -> {       // Z and 1 - Z swapped
            NDArray z = Activation.sigmoid(x.matMul(p.get(0)).add(h.matMul(p.get(1))).add(p.get(2)));
            NDArray r = Activation.sigmoid(x.matMul(p.get(3)).add(h.matMul(p.get(4))).add(p.get(5)));
            NDArray candidate = x.matMul(p.get(6)).add(r.mul(h).matMul(p.get(7))).add(p.get(8)).tanh();
            return z.mul(candidate).add(z.neg().add(1).mul(h));
        })).passed(), "the update gate choosing the candidate instead of the old state");
        assertFalse(Printed.run(() -> Chapter08Exercises.gruStep((x, h, p) -> h.sum(new int[] {1}))).passed(), "a state of the wrong shape");
    }

    @Test
    void theGruParametersHaveTheD2lLayout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList parameters = Chapter08Exercises.randomGruParameters(manager, 5, 4);
            assertEquals(9, parameters.size());
            assertEquals(new ai.djl.ndarray.types.Shape(5, 4), parameters.get(0).getShape());
            assertEquals(new ai.djl.ndarray.types.Shape(4, 4), parameters.get(1).getShape());
            assertEquals(new ai.djl.ndarray.types.Shape(4), parameters.get(2).getShape());
        }
    }


    @Test
    void parameterCountGivesItsHintInTodaysEnglish() {
        long rnn;
        try (NDManager manager = NDManager.newBaseManager()) {
            rnn = Chapter08Exercises.djlParameters(manager, 1, 29, 128, 1);
        }
        Printed p = Printed.run(() -> Chapter08Exercises.parameterCount((g, i, h, l) -> 0L));
        assertTrue(p.text().startsWith("✘ parameters of a recurrent layer: not yet. a 1-layer RNN (gates 1) with 29 inputs"
                + " and 128 hidden units has " + rnn + " parameters in DJL, your formula gives 0 (count W_x, W_h and the"
                + " biases of every gate; DJL keeps two biases, b_x and b_h)"), p.text());
    }

    @Test
    void checksSpeakChineseInAChineseNotebook() {
        Course.language("zh");
        try {
            Printed count = Printed.run(() -> Chapter08Exercises.parameterCount((g, i, h, l) -> 0L));
            assertTrue(count.wrong() && count.text().contains("循环层的参数量")
                    && count.text().contains("1 层的 RNN（gates 为 1），29 个输入、128 个隐藏单元")
                    && count.text().contains("每个门的 W_x、W_h 和偏置都要算上"), count.text());
            Printed shape = Printed.run(() -> Chapter08Exercises.gruStep((x, h, p) -> h.sum(new int[] {1})));
            assertTrue(shape.wrong() && shape.text().contains("GRU 的一步")
                    && shape.text().contains("在随机权重上：新状态的形状为 (3)，应为 (3, 4) (batch, hidden)"), shape.text());
        } finally {
            Course.language("en");
        }
    }
}
