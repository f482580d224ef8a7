package io.github.blip2j.metrics;

import java.util.List;

/**
 * One image as every scorer sees it: its candidate and references after {@link CaptionTokenizer}
 * (lower-cased PTB tokens joined by single spaces, possibly empty). Instances come from a
 * {@link TokenizedCorpus}, which also gives them integer n-gram ids shared across the corpus.
 */
public final class TokenizedImage {

    private final int index;
    private final String imageId;
    private final String candidate;
    private final List<String> references;
    private final EncodedCaption encodedCandidate;
    private final List<EncodedCaption> encodedReferences;

    TokenizedImage(int index, String imageId, String candidate, List<String> references,
            EncodedCaption encodedCandidate, List<EncodedCaption> encodedReferences) {
        this.index = index;
        this.imageId = imageId;
        this.candidate = candidate;
        this.references = List.copyOf(references);
        this.encodedCandidate = encodedCandidate;
        this.encodedReferences = List.copyOf(encodedReferences);
    }

    /** Position of this image in its corpus (the order every reduction uses). */
    public int index() {
        return index;
    }

    public String imageId() {
        return imageId;
    }

    /** The tokenized candidate caption. */
    public String candidate() {
        return candidate;
    }

    /** The tokenized reference captions, in input order (at least one). */
    public List<String> references() {
        return references;
    }

    EncodedCaption encodedCandidate() {
        return encodedCandidate;
    }

    List<EncodedCaption> encodedReferences() {
        return encodedReferences;
    }

    @Override
    public String toString() {
        return "TokenizedImage[" + imageId + ": " + candidate + " | " + references + "]";
    }
}
