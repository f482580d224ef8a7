#!/usr/bin/env python3
"""Regenerates the METEOR reference data in this folder from a Meteor 1.5 build.

Not run by the build. Needs: python3, java, and Meteor 1.5 compiled from cmu-mtlab/meteor
commit 57a9ec5 (the fixtures' build) into METEOR_DIR: METEOR_DIR/meteor-1.5.jar with the
resources inside, METEOR_DIR/data/paraphrase-en.gz (empty gzip), and the classes on a classpath
METEOR_DIR/build so the stemmer/normaliser harnesses can call org.tartarus.snowball.ext.englishStemmer
and edu.cmu.meteor.util.Normalizer. Usage:

    make_reference_data.py METEOR_DIR FIXTURES_DIR WORDS_FILE

FIXTURES_DIR is shared/fixtures/metrics; WORDS_FILE is a word list (one per line) that the
stemmer check samples 30,000 words from (here: every WordNet lemma part, every exception form,
every fixture token, and those words with common suffixes appended).

Writes: {hand10,coco500}-stats.tsv (image id, Meteor's 23-number statistics line), stress.tsv
(seeded synthetic pairs with their statistics), paraphrase-table.gz + paraphrase.tsv (a small
synthetic paraphrase table and statistics computed with it), stemmer-reference.tsv.gz and
normalizer-reference.jsonl (inputs and Meteor's outputs).
"""
import gzip, json, os, random, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def meteor_stats(meteor_dir, items, paraphrase_gz=None):
    """items: [(hyp, [refs])] -> Meteor's statistics lines, driven like pycocoevalcap's wrapper."""
    work = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(meteor_dir, 'meteor-1.5.jar'), work)
        os.makedirs(os.path.join(work, 'data'))
        target = os.path.join(work, 'data', 'paraphrase-en.gz')
        if paraphrase_gz:
            shutil.copy(paraphrase_gz, target)
        else:
            gzip.open(target, 'wb').close()
        lines = []
        for hyp, refs in items:
            hyp = hyp.replace('|||', '').replace('  ', ' ')
            lines.append(' ||| '.join(('SCORE', ' ||| '.join(refs), hyp)))
        out = subprocess.run(['java', '-jar', '-Xmx2G', 'meteor-1.5.jar', '-', '-', '-stdio', '-l', 'en', '-norm'],
                             cwd=work, input=('\n'.join(lines) + '\n').encode(), capture_output=True, check=True).stdout
        result = out.decode().strip().split('\n')
        assert len(result) == len(items)
        return result
    finally:
        shutil.rmtree(work)


def fixture_stats(meteor_dir, fixtures):
    for name in ('hand10', 'coco500'):
        e = json.load(open(os.path.join(fixtures, name, 'expected.json')))
        ids = list(e['tokenized'])
        stats = meteor_stats(meteor_dir, [(e['tokenized'][k]['candidate'], e['tokenized'][k]['refs']) for k in ids])
        with open(os.path.join(HERE, name + '-stats.tsv'), 'w') as f:
            for k, s in zip(ids, stats):
                f.write(k + '\t' + s + '\n')


def vocabulary(fixtures):
    words = []
    e = json.load(open(os.path.join(fixtures, 'coco500', 'expected.json')))
    for v in e['tokenized'].values():
        for c in v['refs'] + [v['candidate']]:
            words += c.split()
    return words


# Word groups that WordNet, the stemmer or both relate: substitutions exercise every module.
RELATED = [
    ['man', 'men', 'person', 'guy', 'human', 'homo'], ['car', 'cars', 'automobile', 'auto', 'machine'],
    ['dog', 'dogs', 'domestic_dog', 'canine', 'hound'], ['sitting', 'sits', 'sat', 'sit', 'seated'],
    ['riding', 'rides', 'rode', 'ride', 'ridden'], ['big', 'large', 'bigger', 'biggest', 'great'],
    ['small', 'little', 'smaller', 'tiny', 'minor'], ['running', 'runs', 'ran', 'run', 'runner'],
    ['photo', 'photograph', 'picture', 'pictures', 'exposure'], ['street', 'streets', 'road', 'roads', 'route'],
    ['child', 'children', 'kid', 'kids', 'youngster'], ['eating', 'eats', 'ate', 'eat', 'eaten'],
    ['happy', 'happier', 'glad', 'felicitous', 'happily'], ['walk', 'walking', 'walked', 'walks', 'paseo'],
    ['boat', 'boats', 'ship', 'vessel', 'sauceboat'], ['a', 'an', 'the', 'some', 'one'],
    ['on', 'onto', 'upon', 'atop', 'over'], ['cup', 'cups', 'cupful', 'cupfuls', 'loving_cup'],
]


def stress_items(fixtures, seed=20240612, n=1500):
    rng = random.Random(seed)
    vocab = vocabulary(fixtures)
    related = {w: g for g in RELATED for w in g}

    def caption(k):
        words = [rng.choice(vocab) for _ in range(k)]
        for i in range(len(words)):
            r = rng.random()
            if r < 0.25:
                words[i] = rng.choice(rng.choice(RELATED))
            elif r < 0.35:
                words[i] = rng.choice(['a', 'the', 'a', 'of', 'on', 'with'])
        return words

    def variant(words):
        out = []
        for w in words:
            r = rng.random()
            if w in related and r < 0.5:
                out.append(rng.choice(related[w]))
            elif r < 0.6:
                continue
            else:
                out.append(w)
            if rng.random() < 0.08:
                out.append(rng.choice(words) if words else 'a')
        if out and rng.random() < 0.3:
            i, j = sorted(rng.sample(range(len(out) + 1), 2)) if len(out) > 1 else (0, 0)
            out = out[j:] + out[i:j] + out[:i]
        return out

    items = []
    for _ in range(n):
        k = rng.choice([0, 1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 35])
        base = caption(k)
        refs = [' '.join(variant(base) if rng.random() < 0.8 else caption(rng.randint(0, 15)))
                for _ in range(rng.randint(1, 6))]
        hyp = ' '.join(variant(base)) if rng.random() < 0.9 else ' '.join(base)
        items.append((hyp, refs))
    return items


def write_items(path, items, stats):
    with open(path, 'w') as f:
        for (hyp, refs), s in zip(items, stats):
            f.write('\t'.join([s, hyp] + refs) + '\n')


PARAPHRASES = [
    ('on top of', 'atop'), ('atop', 'on top of'), ('a man', 'someone'), ('next to', 'beside'),
    ('beside', 'next to'), ('a group of', 'several'), ('is sitting', 'sits'), ('in front of', 'before'),
    ('sitting on', 'seated on'), ('a lot of', 'many'), ('many', 'a lot of'), ('the', 'this'),
    ('a', 'one'), ('people', 'persons'), ('young boy', 'kid'), ('kid', 'young boy'), ('on', 'upon'),
    ('a dog', 'the dog'), ('white car', 'car'), ('looking at', 'watching'), ('watching', 'looking at'),
]


def paraphrase_items(seed=7, n=400):
    rng = random.Random(seed)
    pieces = [p for pair in PARAPHRASES for p in pair] + ['man', 'dog', 'street', 'table', 'red', 'big', 'is', 'a', 'the']
    items = []
    for _ in range(n):
        hyp = ' '.join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        refs = [' '.join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 3))]
        items.append((hyp, refs))
    return items


def harness(meteor_dir, main_class, source, lines):
    work = tempfile.mkdtemp()
    try:
        with open(os.path.join(work, main_class + '.java'), 'w') as f:
            f.write(source)
        cp = os.path.join(meteor_dir, 'build')
        subprocess.run(['javac', '-nowarn', '-cp', cp, '-d', work, os.path.join(work, main_class + '.java')], check=True)
        out = subprocess.run(['java', '-cp', cp + os.pathsep + work, main_class],
                             input=('\n'.join(lines) + '\n').encode('utf-8'), capture_output=True, check=True).stdout
        return out.decode('utf-8').split('\n')[:len(lines)]
    finally:
        shutil.rmtree(work)


STEM_HARNESS = '''import java.io.*;
public class StemOracle { public static void main(String[] a) throws Exception {
  BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
  PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, "UTF-8"));
  org.tartarus.snowball.ext.englishStemmer s = new org.tartarus.snowball.ext.englishStemmer(); String w;
  while ((w = in.readLine()) != null) { s.setCurrent(w); s.stem(); out.println(s.getCurrent()); } out.flush(); } }
'''

NORM_HARNESS = '''import java.io.*;
public class NormOracle { public static void main(String[] a) throws Exception {
  BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
  PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, "UTF-8")); String w;
  while ((w = in.readLine()) != null) out.println(edu.cmu.meteor.util.Normalizer.normalizeLine(w,
      edu.cmu.meteor.util.Constants.LANG_EN, true).toLowerCase()); out.flush(); } }
'''


def stemmer_reference(meteor_dir, fixtures, words_file, seed=11):
    rng = random.Random(seed)
    words = set(vocabulary(fixtures))
    pool = [w for w in open(words_file, encoding='utf-8').read().split('\n') if w]
    words.update(rng.sample(pool, 30000))
    alphabet = "aeiouybcdglmnrstwxY'lsiedng"
    words.update(''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000))
    words = sorted(w for w in words if '\t' not in w)
    stems = harness(meteor_dir, 'StemOracle', STEM_HARNESS, words)
    with gzip.open(os.path.join(HERE, 'stemmer-reference.tsv.gz'), 'wt', encoding='utf-8') as f:
        for w, s in zip(words, stems):
            f.write(w + '\t' + s + '\n')


def normalizer_reference(meteor_dir, fixtures, seed=3):
    rng = random.Random(seed)
    lines = []
    for name in ('hand10', 'coco500'):
        lines += [a['caption'] for a in json.load(open(os.path.join(fixtures, name, 'annotations.json')))['annotations']]
        lines += [r['caption'] for r in json.load(open(os.path.join(fixtures, name, 'results.json')))]
    alphabet = list("abcXY 09.,'`-\u2013\u2014\u2018\u2019\u201c\u201d\"$%&*()[]/:;!?\u00e9\u65e5\u0416\u00a0\u2009\t") + [
        '...', '--', 'u.s.', 'No.', 'Mr.', 'e.g.', "it's", "'90s", "1990's", "rock'n'roll", ' pp. 5', ' no. 5', 'DOTMULTI', '\U0001F600']
    lines += [''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 25))) for _ in range(4000)]
    lines = [l.replace('\n', ' ').replace('\r', ' ') for l in lines]
    outs = harness(meteor_dir, 'NormOracle', NORM_HARNESS, lines)
    with open(os.path.join(HERE, 'normalizer-reference.jsonl'), 'w', encoding='utf-8') as f:
        for i, o in zip(lines, outs):
            f.write(json.dumps([i, o], ensure_ascii=True) + '\n')


def main(meteor_dir, fixtures, words_file):
    fixture_stats(meteor_dir, fixtures)
    items = stress_items(fixtures)
    write_items(os.path.join(HERE, 'stress.tsv'), items, meteor_stats(meteor_dir, items))
    table = os.path.join(HERE, 'paraphrase-table.gz')
    with gzip.GzipFile(table, 'wb', mtime=0) as f:
        f.write(''.join('0.5\n%s\n%s\n' % pair for pair in PARAPHRASES).encode())
    items = paraphrase_items()
    write_items(os.path.join(HERE, 'paraphrase.tsv'), items, meteor_stats(meteor_dir, items, table))
    stemmer_reference(meteor_dir, fixtures, words_file)
    normalizer_reference(meteor_dir, fixtures)


if __name__ == '__main__':
    main(*sys.argv[1:4])
