package io.github.blip2j.metrics.meteor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Looks up everything the matchers need about a word: stem, synsets, function-word flag, paraphrase id. */
final class Lexicon {

    private final EnglishStemmer stemmer = new EnglishStemmer();
    private final WordNetSynonyms synonyms;
    private final Set<String> functionWords;
    private final ParaphraseTable paraphrases;

    Lexicon(WordNetSynonyms synonyms, Set<String> functionWords, ParaphraseTable paraphrases) {
        this.synonyms = synonyms;
        this.functionWords = functionWords;
        this.paraphrases = paraphrases;
    }

    WordInfo lookup(String word) {
        return new WordInfo(word, stemmer.stem(word).hashCode(), synonyms.synsetsOf(word),
                functionWords.contains(word.toLowerCase(Locale.ROOT)), paraphrases.wordId(word));
    }

    /** The words of {@code tokens}, looked up through {@code cache} (may be a concurrent map, or null for none). */
    Sentence sentence(List<String> tokens, Map<String, WordInfo> cache) {
        WordInfo[] words = new WordInfo[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            String w = tokens.get(i);
            words[i] = cache == null ? lookup(w) : cache.computeIfAbsent(w, this::lookup);
        }
        return new Sentence(words);
    }
}
