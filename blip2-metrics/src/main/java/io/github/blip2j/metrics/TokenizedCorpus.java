package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tokenized images of one evaluation, in evaluation order. Scores that depend on the whole set
 * (CIDEr's document frequencies, Self-BLEU, Distinct-n) are computed over exactly these images.
 */
public final class TokenizedCorpus {

    private final List<TokenizedImage> images;
    private final int ngramCount;

    private TokenizedCorpus(List<TokenizedImage> images, int ngramCount) {
        this.images = Collections.unmodifiableList(images);
        this.ngramCount = ngramCount;
    }

    /**
     * Builds a corpus from captions that are already tokenized (for instance by
     * {@link CaptionTokenizer}); lists are parallel and in evaluation order.
     *
     * @throws IllegalArgumentException if the lists differ in length, or an image has no reference
     *     or a null caption (the message names the image id)
     */
    public static TokenizedCorpus of(List<String> imageIds, List<String> candidates, List<List<String>> references) {
        if (imageIds.size() != candidates.size() || imageIds.size() != references.size()) {
            throw new IllegalArgumentException("imageIds, candidates and references must have the same size, got "
                    + imageIds.size() + ", " + candidates.size() + " and " + references.size());
        }
        int n = imageIds.size();
        long words = 0;
        for (int i = 0; i < n; i++) {
            String id = imageIds.get(i);
            if (candidates.get(i) == null) {
                throw new IllegalArgumentException("image " + id + ": candidate caption is null");
            }
            List<String> refs = references.get(i);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("image " + id + ": no reference captions");
            }
            for (int r = 0; r < refs.size(); r++) {
                if (refs.get(r) == null) {
                    throw new IllegalArgumentException("image " + id + ": reference " + r + " is null");
                }
                words += refs.get(r).length() / 4;
            }
            words += candidates.get(i).length() / 4;
        }
        NGramIndex index = new NGramIndex((int) Math.min(1 << 26, words * NGramIndex.MAX_ORDER));
        List<TokenizedImage> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> refs = references.get(i);
            List<EncodedCaption> encodedRefs = new ArrayList<>(refs.size());
            for (String ref : refs) {
                encodedRefs.add(index.encode(ref));
            }
            EncodedCaption cand = index.encode(candidates.get(i));
            images.add(new TokenizedImage(i, imageIds.get(i), candidates.get(i), refs, cand, encodedRefs));
        }
        return new TokenizedCorpus(images, index.ngramCount());
    }

    public List<TokenizedImage> images() {
        return images;
    }

    public int size() {
        return images.size();
    }

    /** Number of distinct n-gram ids in this corpus (ids are {@code 0..ngramCount()-1}). */
    int ngramCount() {
        return ngramCount;
    }
}
