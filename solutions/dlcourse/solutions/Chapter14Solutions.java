package dlcourse.solutions;

/** Reference answers to the maths appendix's checked exercises (notebook 14). */
public final class Chapter14Solutions {

    private Chapter14Solutions() {
    }

    /** C = AB: entry (i, j) is row i of A times column j of B, summed over the shared index p. */
    public static double[][] matrixProduct(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int p = 0; p < b.length; p++) {
                    c[i][j] += a[i][p] * b[p][j];
                }
            }
        }
        return c;
    }

    /**
     * f(x) = ln(1 + e^(x²)) is ln(w) of w = 1 + e^u of u = x². The chain rule multiplies the three
     * derivatives: 1/w · e^u · 2x = 2x e^(x²) / (1 + e^(x²)) = 2x σ(x²).
     */
    public static double chainRuleDerivative(double x) {
        return 2 * x / (1 + Math.exp(-x * x));
    }

    /** The larger root of λ² − (a + d) λ + (ad − b²) = 0. */
    public static double largestEigenvalue(double a, double b, double d) {
        return (a + d) / 2 + Math.sqrt((a - d) * (a - d) / 4 + b * b);
    }
}
