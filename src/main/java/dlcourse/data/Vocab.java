package dlcourse.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary: every token gets an index, the most frequent first. Index 0 is the unknown token
 * {@value #UNKNOWN}, which stands for every token the vocabulary does not hold; index 1 is the
 * padding token {@value #PADDING}, which fills up short sequences; reserved tokens (for example
 * {@code <bos>}, {@code <eos>}) follow, then the tokens seen at least {@code minFrequency} times.
 *
 * <pre>
 * Vocab vocab = Vocab.of(Tokenizer.characters().tokenize("hello world"));
 * int[] indices = vocab.indices(List.of("h", "e", "?"));   // "?" becomes 0, the unknown token
 * vocab.tokens(indices);                                   // [h, e, &lt;unk&gt;]
 * </pre>
 */
public final class Vocab {

    public static final String UNKNOWN = "<unk>";
    public static final String PADDING = "<pad>";

    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Map<String, Integer> frequencies;

    private Vocab(Map<String, Integer> frequencies, int minFrequency, List<String> reserved) {
        this.frequencies = frequencies;
        add(UNKNOWN);
        add(PADDING);
        for (String token : reserved) {
            if (indexOf.containsKey(token)) {
                throw new IllegalArgumentException("reserved token '" + token + "' is given twice or is "
                        + UNKNOWN + " or " + PADDING + ", which every vocabulary has");
            }
            add(token);
        }
        frequencies.entrySet().stream()
                .filter(entry -> entry.getValue() >= minFrequency && !indexOf.containsKey(entry.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> add(entry.getKey()));
    }

    /** A vocabulary of every token in {@code tokens}. */
    public static Vocab of(Collection<String> tokens) {
        return of(tokens, 1);
    }

    /**
     * A vocabulary of the tokens seen at least {@code minFrequency} times (rarer ones become
     * {@value #UNKNOWN}), with the {@code reserved} tokens after {@value #UNKNOWN} and {@value #PADDING}.
     */
    public static Vocab of(Collection<String> tokens, int minFrequency, String... reserved) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens to build a vocabulary from: the text is empty "
                    + "(check the corpus was read and the tokenizer kept something)");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be 1 or more, got " + minFrequency);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String token : tokens) {
            if (token == null) {
                throw new IllegalArgumentException("the tokens contain null; a tokenizer gives strings");
            }
            counts.merge(token, 1, Integer::sum);
        }
        return new Vocab(counts, minFrequency, List.of(reserved));
    }

    private void add(String token) {
        indexOf.put(token, tokens.size());
        tokens.add(token);
    }

    /** Number of tokens, the unknown and padding tokens included. */
    public int size() {
        return tokens.size();
    }

    /** The index of {@code token}, or {@link #unknownIndex()} when the vocabulary does not hold it. */
    public int index(String token) {
        return indexOf.getOrDefault(token, 0);
    }

    /** The indices of {@code tokens}, unknown ones mapped to {@link #unknownIndex()}. */
    public int[] indices(List<String> tokens) {
        int[] result = new int[tokens.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = index(tokens.get(i));
        }
        return result;
    }

    /** The token at {@code index}. */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw new IllegalArgumentException("index " + index + " is not in this vocabulary of " + tokens.size()
                    + " tokens (0 to " + (tokens.size() - 1) + ")");
        }
        return tokens.get(index);
    }

    /** The tokens at {@code indices}. */
    public List<String> tokens(int[] indices) {
        List<String> result = new ArrayList<>(indices.length);
        for (int index : indices) {
            result.add(token(index));
        }
        return result;
    }

    /** True when {@code token} has its own index (is not mapped to the unknown token). */
    public boolean contains(String token) {
        return indexOf.containsKey(token);
    }

    /** How often {@code token} occurred in the tokens the vocabulary was built from (0 if never). */
    public int frequency(String token) {
        return frequencies.getOrDefault(token, 0);
    }

    /** Every distinct token of the text with its count, the most frequent first (ties alphabetical). */
    public List<Map.Entry<String, Integer>> frequencies() {
        return frequencies.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** All tokens in index order. */
    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public int unknownIndex() {
        return 0;
    }

    public int paddingIndex() {
        return 1;
    }

    @Override
    public String toString() {
        List<String> first = tokens.subList(0, Math.min(tokens.size(), 12));
        return "Vocab of " + tokens.size() + " tokens: " + first + (tokens.size() > first.size() ? " …" : "");
    }
}
