package dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnrolledDiagramTest {

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** The colour at the centre-left of the box of step t in row r (0 outputs, 1 hidden, 2 inputs). */
    private static int boxColour(BufferedImage image, int left, int t, int row) {
        int x = UnrolledDiagram.centreX(left, t, 1) - UnrolledDiagram.BOX / 2 + 4;
        int y = UnrolledDiagram.rowTop(row, 1) + UnrolledDiagram.BOX / 2;
        return rgb(image, x, y);
    }

    @Test
    void sizeFollowsTheStepsOfAllPanels() {
        BufferedImage image = UnrolledDiagram.of("t", List.of(
                UnrolledDiagram.panel("a", "xxx", "..y"), UnrolledDiagram.panel("b", "x.", "yy")));
        // 3 margins (left, between, right) and 5 steps
        assertEquals(3 * UnrolledDiagram.MARGIN + 5 * UnrolledDiagram.STEP, image.getWidth());
        assertEquals(UnrolledDiagram.TITLE + 2 * UnrolledDiagram.ROW + UnrolledDiagram.BOX
                + 2 * UnrolledDiagram.MARGIN + UnrolledDiagram.CAPTION, image.getHeight());
    }

    @Test
    void manyToOneDrawsInputsAtEveryStepAndOneOutputAtTheEnd() {
        BufferedImage image = UnrolledDiagram.of("t", List.of(UnrolledDiagram.panel("many to one", "xxx", "..y")));
        int left = UnrolledDiagram.MARGIN;
        for (int t = 0; t < 3; t++) {
            assertEquals(UnrolledDiagram.INPUT.getRGB() & 0xFFFFFF, boxColour(image, left, t, 2), "input at step " + t);
            assertEquals(UnrolledDiagram.HIDDEN.getRGB() & 0xFFFFFF, boxColour(image, left, t, 1), "state at step " + t);
        }
        assertEquals(0xFFFFFF, boxColour(image, left, 0, 0), "no output at step 0");
        assertEquals(0xFFFFFF, boxColour(image, left, 1, 0), "no output at step 1");
        assertEquals(UnrolledDiagram.OUTPUT.getRGB() & 0xFFFFFF, boxColour(image, left, 2, 0), "the output at the end");
    }

    @Test
    void theSecondPanelStartsAfterTheFirst() {
        BufferedImage image = UnrolledDiagram.of("t", List.of(
                UnrolledDiagram.panel("one", "x", "y"), UnrolledDiagram.panel("two", ".", "y")));
        int second = UnrolledDiagram.MARGIN * 2 + UnrolledDiagram.STEP;
        assertEquals(UnrolledDiagram.INPUT.getRGB() & 0xFFFFFF, boxColour(image, UnrolledDiagram.MARGIN, 0, 2));
        assertEquals(0xFFFFFF, boxColour(image, second, 0, 2), "the second panel has no input");
        assertEquals(UnrolledDiagram.OUTPUT.getRGB() & 0xFFFFFF, boxColour(image, second, 0, 0));
    }

    @Test
    void slidesGetTwiceTheSize() {
        Plots.Size before = Plots.size();
        try {
            Plots.useSize(Plots.Size.PRESENTATION);
            BufferedImage large = UnrolledDiagram.of("t", List.of(UnrolledDiagram.panel("p", "xx", "yy")));
            Plots.useSize(Plots.Size.NOTEBOOK);
            BufferedImage small = UnrolledDiagram.of("t", List.of(UnrolledDiagram.panel("p", "xx", "yy")));
            assertEquals(2 * small.getWidth(), large.getWidth());
            assertEquals(2 * small.getHeight(), large.getHeight());
        } finally {
            Plots.useSize(before);
        }
    }

    @Test
    void patternsOfDifferentLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnrolledDiagram.panel("bad", "xxx", "y"));
        assertTrue(e.getMessage().contains("\"xxx\"") && e.getMessage().contains("same length"), e.getMessage());
    }

    @Test
    void unknownCharactersAreRefusedWithTheLegend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnrolledDiagram.panel("bad", "x-x", "y.y"));
        assertTrue(e.getMessage().contains("'x' for a step with an input"), e.getMessage());
    }

    @Test
    void emptyPatternsAndNoPanelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnrolledDiagram.panel("empty", "", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnrolledDiagram.of("t", List.of()));
        assertTrue(e.getMessage().contains("at least one panel"), e.getMessage());
    }
}
