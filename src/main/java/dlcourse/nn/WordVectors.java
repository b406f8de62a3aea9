package dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dlcourse.data.Vocab;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Word vectors with their vocabulary (notebook 13): cosine similarity between words, the nearest
 * neighbours of a word, and analogies by vector arithmetic (b - a + c). Every query is one matrix
 * product against all rows, normalised once. The unknown and padding tokens are never answers.
 *
 * <pre>
 * WordVectors words = new WordVectors(vocab, model.centerVectors());
 * words.nearest("love", 5);                // [marriage 0.61, ...]
 * words.analogy("man", "king", "woman", 3); // king - man + woman
 * </pre>
 */
public final class WordVectors {

    /** A word and its cosine similarity to the query. */
    public record Neighbour(String word, double similarity) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s %.2f", word, similarity);
        }
    }

    private final Vocab vocab;
    private final NDArray unit;

    /** The rows of {@code vectors} (vocabulary size, dimensions) are the words of {@code vocab} in index order. */
    public WordVectors(Vocab vocab, NDArray vectors) {
        if (vectors.getShape().dimension() != 2 || vectors.getShape().get(0) != vocab.size()) {
            throw new IllegalArgumentException("word vectors must have one row per word of the vocabulary, shape ("
                    + vocab.size() + ", dimensions), got " + vectors.getShape());
        }
        this.vocab = vocab;
        NDArray norms = vectors.norm(new int[] {1}, true).maximum(1e-8f);
        this.unit = vectors.toType(DataType.FLOAT32, false).div(norms);
    }

    /** The unit-length vector of {@code word} (dimensions). */
    public NDArray vector(String word) {
        return unit.get(index(word));
    }

    /** Cosine similarity of two words, from -1 to 1. */
    public double similarity(String a, String b) {
        return unit.get(index(a)).dot(unit.get(index(b))).getFloat();
    }

    /** Cosine similarities of the word pairs (a[i], b[i]), given as vocabulary indices, as one array (n). */
    public NDArray similarities(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("need as many first words as second words, got " + a.length
                    + " and " + b.length);
        }
        NDArray left = unit.get(new NDIndex("{}", unit.getManager().create(a)));
        NDArray right = unit.get(new NDIndex("{}", unit.getManager().create(b)));
        return left.mul(right).sum(new int[] {1});
    }

    /** The {@code count} words most similar to {@code word}, the word itself left out. */
    public List<Neighbour> nearest(String word, int count) {
        return closest(vector(word), count, Set.of(word));
    }

    /** The {@code count} words nearest to b - a + c ("a is to b as c is to ?"), a, b and c left out. */
    public List<Neighbour> analogy(String a, String b, String c, int count) {
        NDArray target = vector(b).sub(vector(a)).add(vector(c));
        return closest(target, count, Set.of(a, b, c));
    }

    /** The {@code count} words whose vectors are most similar to {@code query}, leaving out {@code excluded}. */
    public List<Neighbour> closest(NDArray query, int count, Set<String> excluded) {
        float[] similarities;
        int[] order;
        try (NDArray norm = query.norm(); NDArray safe = norm.maximum(1e-8f); NDArray unitQuery = query.div(safe);
             NDArray scores = unit.matMul(unitQuery); NDArray negated = scores.neg(); NDArray sorted = negated.argSort()) {
            similarities = scores.toFloatArray();
            order = sorted.toType(DataType.INT32, false).toIntArray();
        }
        List<Neighbour> result = new ArrayList<>();
        for (int i = 0; i < order.length && result.size() < count; i++) {
            int index = order[i];
            String candidate = vocab.token(index);
            if (index != vocab.unknownIndex() && index != vocab.paddingIndex() && !excluded.contains(candidate)) {
                result.add(new Neighbour(candidate, similarities[index]));
            }
        }
        return result;
    }

    /** All vectors normalised to length 1 (vocabulary size, dimensions). */
    public NDArray unitVectors() {
        return unit;
    }

    private int index(String word) {
        if (!vocab.contains(word) || vocab.index(word) == vocab.unknownIndex() || vocab.index(word) == vocab.paddingIndex()) {
            throw new IllegalArgumentException("'" + word + "' is not in the vocabulary of " + vocab.size()
                    + " words; pick a word that occurs often enough in the corpus (vocab.contains(word))");
        }
        return vocab.index(word);
    }
}
