package io.github.blip2j.metrics.meteor;

/**
 * What the matching modules need to know about one (normalised) word.
 *
 * <p>Words and stems are compared by {@link String#hashCode()}, as Meteor 1.5 does; two
 * different strings with the same hash code therefore match exactly like Meteor would.
 */
final class WordInfo {
    final String word;
    final int key;
    final int stemKey;
    /** Sorted WordNet synset ids (see {@link WordNetSynonyms#synsetsOf}). */
    final int[] synsets;
    /** One bit per synset id (hashed): words whose signatures share no bit cannot be synonyms. */
    final long synsetSignature;
    final boolean functionWord;
    /** Id in the paraphrase table's vocabulary, -1 if absent. */
    final int phraseId;

    WordInfo(String word, int stemKey, int[] synsets, boolean functionWord, int phraseId) {
        this.word = word;
        this.key = word.hashCode();
        this.stemKey = stemKey;
        this.synsets = synsets;
        this.synsetSignature = WordNetSynonyms.signature(synsets);
        this.functionWord = functionWord;
        this.phraseId = phraseId;
    }
}
