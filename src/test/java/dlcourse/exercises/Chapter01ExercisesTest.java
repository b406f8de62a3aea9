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
        assertTrue(p.wrong() && p.text().contains("three numbers"), p.text());
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
    void siluDerivativeWaitsForAnAnswer() {
        assertTrue(Printed.run(() -> Chapter01Exercises.siluDerivative(z -> Exercise.todo())).unanswered());
    }
}
