package dlcourse.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Activation;
import dlcourse.notebook.Exercise;
import dlcourse.solutions.Chapter01Solutions;
import org.junit.jupiter.api.Test;

class Chapter01ExercisesTest {

    @Test
    void nandAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter01Exercises.nandNeuron(Chapter01Solutions::nandNeuron));
        assertTrue(p.right(), p.text());
    }

    @Test
    void nandRejectsTheAndNeuronAndSaysWhere() {
        Printed p = Printed.run(() -> Chapter01Exercises.nandNeuron(() -> new float[] {1, 1, -1.5f}));
        assertTrue(p.wrong() && p.text().contains("(0, 0) gives z = -1.50, output 0, NAND is 1"), p.text());
    }

    @Test
    void nandRejectsTheWrongNumberOfWeights() {
        Printed p = Printed.run(() -> Chapter01Exercises.nandNeuron(() -> new float[] {-1, -1}));
        assertTrue(p.wrong() && p.text().contains("answer three numbers {w1, w2, b}, got 2 numbers"), p.text());
    }

    @Test
    void nandSpeaksChineseInAChineseNotebook() {
        Printed p = Chinese.run(() -> Chapter01Exercises.nandNeuron(() -> new float[] {1, 1, -1.5f}));
        assertTrue(p.wrong() && p.text().contains("计算与非的神经元")
                && p.text().contains("在 (0, 0) 处 z = -1.50，输出 0，而与非为 1； (0, 1) 处"), p.text());
        Printed count = Chinese.run(() -> Chapter01Exercises.nandNeuron(() -> new float[] {-1, -1}));
        assertTrue(count.wrong() && count.text().contains("请给出三个数 {w1, w2, b}，你给出的是 2 个数"), count.text());
    }

    @Test
    void nandWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter01Exercises.nandNeuron(Exercise::todo)).unanswered());
    }

    @Test
    void siluDerivativeAcceptsTheSolution() {
        Printed p = Printed.run(() -> Chapter01Exercises.siluDerivative(Chapter01Solutions::siluDerivative));
        assertTrue(p.right(), p.text());
    }

    @Test
    void siluDerivativeRejectsForgettingTheProductRule() {
        Printed p = Printed.run(() -> Chapter01Exercises.siluDerivative(Activation::sigmoid));
        assertTrue(p.wrong() && p.text().contains("autograd says"), p.text());
    }

    @Test
    void siluDerivativeSpeaksChineseInAChineseNotebook() {
        Printed p = Chinese.run(() -> Chapter01Exercises.siluDerivative(z -> z.get("1:")));
        assertTrue(p.wrong() && p.text().contains("z 的形状是 (401)，导数的形状却是 (400)：导数必须按元素计算"), p.text());
    }

    @Test
    void siluDerivativeWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter01Exercises.siluDerivative(z -> Exercise.todo())).unanswered());
    }
}
