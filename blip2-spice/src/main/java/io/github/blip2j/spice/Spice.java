package io.github.blip2j.spice;

import io.github.blip2j.metrics.spice.SpiceCategory;
import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPICE (Anderson et al. 2016) in-process, reproducing SPICE 1.0 as pycocoevalcap runs it.
 *
 * <p>Captions are expected PTB-tokenized and lower-cased, as pycocoevalcap's tokenizer leaves
 * them. Each caption is parsed into propositions once (cached by its text for the life of this
 * object, and across runs in {@link Builder#cacheFile(Path) a cache file} if one is set), parsing
 * runs on {@link Builder#threads(int) several threads}, and results do not depend on the thread
 * count. The first scoring call loads the CoreNLP parser (a few seconds).
 *
 * <pre>{@code
 * Spice spice = Spice.builder().threads(4).build();
 * SpiceResult r = spice.score(references, candidates);   // Map<id, List<String>>, Map<id, String>
 * double corpus = r.corpusScore();
 * }</pre>
 */
public final class Spice {

    private static final Logger LOG = LoggerFactory.getLogger(Spice.class);
    private static final Object PARSER_LOCK = new Object();
    private static volatile CaptionParser sharedParser;

    private final int threads;
    private final Path cacheFile;
    private final Map<String, List<Proposition>> cache = new ConcurrentHashMap<>();
    private volatile boolean cacheFileLoaded;

    private Spice(Builder b) {
        this.threads = b.threads;
        this.cacheFile = b.cacheFile;
    }

    /** A builder with all cores and no cache file. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores every candidate against the references of the same image.
     *
     * @param references image id to its reference captions; the iteration order is the image order
     *     of the result
     * @param candidates image id to the candidate caption; must have exactly the keys of
     *     {@code references}
     * @throws IllegalArgumentException if the key sets differ or a caption is null
     */
    public SpiceResult score(Map<String, List<String>> references, Map<String, String> candidates) {
        validate(references, candidates);
        Set<String> captions = new LinkedHashSet<>();
        references.values().forEach(captions::addAll);
        captions.addAll(candidates.values());
        parseAll(captions);

        WordNetSynsets wordNet = WordNetSynsets.shared();
        List<String> ids = new ArrayList<>(references.keySet());
        SpiceImageScore[] scores = new SpiceImageScore[ids.size()];
        java.util.stream.IntStream.range(0, ids.size()).parallel().forEach(i -> {
            String id = ids.get(i);
            SceneGraph refGraph = new SceneGraph(wordNet);
            for (String ref : references.get(id)) {
                cache.get(ref).forEach(refGraph::add);
            }
            SceneGraph candGraph = new SceneGraph(wordNet);
            cache.get(candidates.get(id)).forEach(candGraph::add);
            scores[i] = evaluate(SceneTuple.of(candGraph), SceneTuple.of(refGraph));
        });
        Map<String, SpiceImageScore> perImage = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            perImage.put(ids.get(i), scores[i]);
        }
        return new SpiceResult(perImage);
    }

    /**
     * The propositions SPICE reads from one caption, each as its terms: {@code [object]},
     * {@code [object, attribute]} or {@code [source, target, predicate]}. For inspection.
     */
    public List<List<String>> propositions(String caption) {
        Objects.requireNonNull(caption, "caption");
        parseAll(Set.of(caption));
        List<List<String>> out = new ArrayList<>();
        for (Proposition p : cache.get(caption)) {
            out.add(p.terms());
        }
        return out;
    }

    /* SPICE's per-image evaluation: a candidate tuple is a hit when any reference tuple matches it. */
    static SpiceImageScore evaluate(List<SceneTuple> candidate, List<SceneTuple> reference) {
        Map<SpiceCategory, SpiceCategoryScore> out = new EnumMap<>(SpiceCategory.class);
        for (SpiceCategory category : SpiceCategory.values()) {
            List<SceneTuple> cand = candidate.stream().filter(t -> CategoryFilter.accepts(category, t)).toList();
            List<SceneTuple> ref = reference.stream().filter(t -> CategoryFilter.accepts(category, t)).toList();
            int hits = 0;
            for (SceneTuple c : cand) {
                for (SceneTuple r : ref) {
                    if (c.matches(r)) {
                        hits++;
                        break;
                    }
                }
            }
            out.put(category, SpiceCategoryScore.of(hits, cand.size() - hits, ref.size() - hits,
                CategoryFilter.undefinedWithoutReferences(category)));
        }
        return new SpiceImageScore(out);
    }

    private void parseAll(Set<String> captions) {
        loadCacheFile();
        List<String> todo = new ArrayList<>();
        for (String c : captions) {
            if (!cache.containsKey(c)) {
                todo.add(c);
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        // Longest first: the PCFG parser's cost grows with the cube of the length, and a long
        // caption started last would leave the other threads idle.
        todo.sort(Comparator.comparingInt(String::length).reversed());
        CaptionParser parser = parser();
        long start = System.nanoTime();
        int poolSize = Math.min(threads, todo.size());
        if (poolSize <= 1) {
            for (String c : todo) {
                cache.put(c, List.copyOf(parser.parse(c)));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads());
            try {
                List<Future<?>> futures = new ArrayList<>(todo.size());
                for (String c : todo) {
                    futures.add(pool.submit(() -> cache.put(c, List.copyOf(parser.parse(c)))));
                }
                for (int i = 0; i < futures.size(); i++) {
                    await(futures.get(i), todo.get(i));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        LOG.info("SPICE parsed {} captions on {} threads in {} ms", todo.size(), poolSize,
            (System.nanoTime() - start) / 1_000_000);
        if (cacheFile != null) {
            ParseCacheFile.write(cacheFile, cache);
        }
    }

    private static void await(Future<?> f, String caption) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing captions for SPICE", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("SPICE could not parse caption '" + caption + "'", e.getCause());
        }
    }

    private void loadCacheFile() {
        if (cacheFile != null && !cacheFileLoaded) {
            synchronized (this) {
                if (!cacheFileLoaded) {
                    cache.putAll(ParseCacheFile.read(cacheFile));
                    cacheFileLoaded = true;
                }
            }
        }
    }

    /* One parser per JVM: the CoreNLP model takes seconds to load and is thread-safe. */
    private static CaptionParser parser() {
        CaptionParser p = sharedParser;
        if (p == null) {
            synchronized (PARSER_LOCK) {
                p = sharedParser;
                if (p == null) {
                    p = new CaptionParser();
                    sharedParser = p;
                }
            }
        }
        return p;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "spice-parser-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void validate(Map<String, List<String>> references, Map<String, String> candidates) {
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(candidates, "candidates");
        if (!references.keySet().equals(candidates.keySet())) {
            Set<String> onlyRefs = new LinkedHashSet<>(references.keySet());
            onlyRefs.removeAll(candidates.keySet());
            Set<String> onlyCands = new LinkedHashSet<>(candidates.keySet());
            onlyCands.removeAll(references.keySet());
            throw new IllegalArgumentException("references and candidates must cover the same image ids; only in "
                + "references: " + limit(onlyRefs) + ", only in candidates: " + limit(onlyCands));
        }
        references.forEach((id, refs) -> {
            if (refs == null || refs.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("image " + id + ": references must be a list of non-null captions");
            }
        });
        candidates.forEach((id, c) -> {
            if (c == null) {
                throw new IllegalArgumentException("image " + id + ": candidate caption is null");
            }
        });
    }

    private static String limit(Set<String> ids) {
        return ids.size() <= 5 ? ids.toString() : new ArrayList<>(ids).subList(0, 5) + " and " + (ids.size() - 5) + " more";
    }

    /** Options of a {@link Spice} scorer. */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private Path cacheFile;

        private Builder() {
        }

        /**
         * Parsing threads, 1 to 256 (default: available processors). Each parsing thread of a
         * 60-90 word caption can hold a few GB of parser chart.
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * A file that keeps parses across runs (read on first use, rewritten atomically after each
         * call that parsed new captions); null for none (the default).
         */
        public Builder cacheFile(Path cacheFile) {
            this.cacheFile = cacheFile;
            return this;
        }

        public Spice build() {
            return new Spice(this);
        }
    }
}
