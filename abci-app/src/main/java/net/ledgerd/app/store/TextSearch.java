package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MongoDB $text semantics for servers without text indexes (FerretDB): the search string is words
 * (any may match), "quoted phrases" (all must match) and -negated words (none may match); matching
 * is case- and diacritic-insensitive over every string value of the document. Unlike MongoDB there
 * is no stemming and no stop-word list. Scores count matching words, as textScore orders results.
 */
final class TextSearch {
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    private final Set<String> words = new HashSet<>();
    private final List<String> phrases = new ArrayList<>();
    private final Set<String> excluded = new HashSet<>();

    TextSearch(String search) {
        Matcher m = TOKEN.matcher(search);
        while (m.find()) {
            if (m.group(1) != null) {
                String phrase = fold(m.group(1)).trim();
                if (!phrase.isEmpty()) {
                    phrases.add(phrase);
                }
            } else if (m.group(2).startsWith("-") && m.group(2).length() > 1) {
                excluded.addAll(wordsOf(m.group(2).substring(1)));
            } else {
                words.addAll(wordsOf(m.group(2)));
            }
        }
        // A quoted phrase's words also count as search words, as in MongoDB.
        phrases.forEach(p -> words.addAll(wordsOf(p)));
    }

    static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> wordsOf(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(fold(s));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The score of a document, 0 when it does not match. */
    int score(JsonNode document) {
        if (words.isEmpty()) {
            return 0;
        }
        List<String> strings = new ArrayList<>();
        collectStrings(document, strings);
        int score = 0;
        Set<String> present = new HashSet<>();
        for (String s : strings) {
            for (String w : wordsOf(s)) {
                present.add(w);
                if (words.contains(w)) {
                    score++;
                }
            }
        }
        for (String w : excluded) {
            if (present.contains(w)) {
                return 0;
            }
        }
        for (String phrase : phrases) {
            boolean found = strings.stream().anyMatch(s -> fold(s).contains(phrase));
            if (!found) {
                return 0;
            }
        }
        return score;
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectStrings(child, out));
        }
    }
}
