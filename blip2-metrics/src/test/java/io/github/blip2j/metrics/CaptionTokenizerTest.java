package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PTB 3.4.1 + pycocoevalcap behaviours listed in the fixtures' QUIRKS.md, one by one. Expected
 * outputs were produced by the reference (stanford-corenlp 3.4.1 PTBTokenizer -preserveLines
 * -lowerCase, then pycocoevalcap's filter).
 */
class CaptionTokenizerTest {

    private static String tok(String caption) {
        return CaptionTokenizer.ptb().tokenize(caption);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "don't can't won't cannot gonna wanna | do n't ca n't wo n't can not gon na wan na",
        "THE MAN'S DOG DON'T LIKE IT | the man 's dog do n't like it",
        "we're I'm they've she'll he'd | we 're i 'm they 've she 'll he 'd",
        "the dogs' toys | the dogs toys",
        "y'all 'tis | y' all 't is",
        "1,000 3.5 10:30 4x4 2nd 1/2 24/7 | 1,000 3.5 10:30 4x4 2nd 1/2 24/7",
        "a/b e.g. u.s. st. | a/b e.g. u.s. st.",
        "$5 50% #1 x*y | $ 5 50 % # 1 x * y",
        "salt &amp; pepper & vinegar | salt & pepper & vinegar",
        "a (big) [red] {box} | a -lrb- big -rrb- -lsb- red -rsb- -lcb- box -rcb-",
        "wow!! what?! huh?? | wow !! what ?! huh ??",
        "a -- b - c --- d | a b c d",
        "x\u2014y x\u2013y | x y x y",
        "wait... what\u2026 .. ok | wait what ok",
        "~\u201cquoted\u201d \u2018single\u2019~ | quoted single",
        "\"plain\" 'single' `back` | plain single back",
        "half \u00bd | half 1/2",
        "a\u00a0b a\tb a\u200bb a\u3000b a\u2009b a\ufeffb | a b a b a b a b a b a b",
        "soft\u00adhyphen | softhyphen",
        "pizza \ud83c\udf55 time\ud83d\ude00now | pizza time now",
        "\u2764\ufe0fdog | \u2764 dog",
        "caf\u00e9 na\u00efve e\u0301 | caf\u00e9 na\u00efve e\u0301",
        "\u0130STANBUL \u03a3\u039f\u03a3 | i\u0307stanbul \u03c3\u03bf\u03c2",
        "\u041f\u0440\u0438\u0432\u0435\u0442 \u6771\u4eac | \u043f\u0440\u0438\u0432\u0435\u0442 \u6771\u4eac",
        "the U.K. at 10:30 a.m. | the u.k. at 10:30 a.m.",
        "<b>bold</b> 5 < 6 > 4 | <b> bold </b> 5 < 6 > 4",
        "\\ _ ^ + = | \\ _ ^ + =",
        "a dog. | a dog",
        "A a a a a a. | a a a a a a.",
    })
    void matchesTheReference(String caption, String expected) {
        assertThat(tok(caption)).isEqualTo(expected);
    }

    @Test
    void punctuationOnlyAndEmptyCaptionsBecomeEmpty() {
        assertThat(tok("...")).isEmpty();
        assertThat(tok(" . , ; : ! ? -- ` ' ")).isEmpty();
        assertThat(tok("")).isEmpty();
        assertThat(tok("   ")).isEmpty();
    }

    @Test
    void newlinesInsideACaptionAreSpaces() {
        assertThat(tok("a dog\nrunning")).isEqualTo("a dog running");
    }

    @Test
    void otherLineBreaksAreSpacesToo() {
        // deliberate: the reference breaks lines there and shifts every later caption (QUIRKS.md #2)
        List<String> out = CaptionTokenizer.ptb().tokenizeAll(List.of("a\rb", "c\u2028d", "e\u000Bf\u000Cg", "h\u2029i", "last"));
        assertThat(out).containsExactly("a b", "c d", "e f g", "h i", "last");
    }

    @Test
    void aCaptionCanDependOnTheNextOneAsInTheReference() {
        // "a." before a line starting with "A " / "The " loses its period (PTB's acronym rule looks ahead)
        assertThat(CaptionTokenizer.ptb().tokenizeAll(List.of("A A A.", "A dog runs.")))
                .containsExactly("a a a", "a dog runs");
        assertThat(CaptionTokenizer.ptb().tokenizeAll(List.of("A A A.", "dogs run.")))
                .containsExactly("a a a.", "dogs run");
        // also across empty captions, and only for the caption right before
        assertThat(CaptionTokenizer.ptb().tokenizeAll(List.of("B B B.", "", "The end")))
                .containsExactly("b b b", "", "the end");
    }

    @Test
    void streamAndSingleCaptionsAgreeWhenNoContextMatters() {
        List<String> captions = List.of("A man riding a horse.", "Two dogs.", "", "The cat's toy (red).");
        List<String> single = new ArrayList<>();
        captions.forEach(c -> single.add(tok(c)));
        assertThat(CaptionTokenizer.ptb().tokenizeAll(captions)).isEqualTo(single);
    }

    @Test
    void isThreadSafe() throws Exception {
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            captions.add("Caption number " + i + ": a dog's toy (" + (i % 7) + ") isn't red... \u00bd \ud83d\ude00!");
        }
        List<String> expected = CaptionTokenizer.ptb().tokenizeAll(captions, Parallelism.sequential());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> CaptionTokenizer.ptb().tokenizeAll(captions, Parallelism.sequential())));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsNullCaptions() {
        assertThatThrownBy(() -> CaptionTokenizer.ptb().tokenizeAll(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("caption 1");
        assertThatThrownBy(() -> CaptionTokenizer.ptb().tokenize(null)).isInstanceOf(NullPointerException.class);
    }
}
