// ocop's search runtime: searches the index `ocop build` writes beside it
// (src/search/index/mod.rs describes the files). No WebAssembly and no
// worker: a query folds its words, fetches the word chunks that may hold
// them, and ranks records on the main thread; the filter columns count
// every option's results in one pass.
//
//   const index = await open('vi');
//   const found = await index.search('nuoc mam', { tinh: 'Kiên Giang' });
//   found.results;       // [{ id, score, data() }] best first
//   found.counts;        // { tinh: { 'Kiên Giang': 12, … }, … }
//   await found.results[0].data();  // { url, meta: { title, … } }

const FORMAT = 1;

// How much a match counts besides an exact one: a word the query begins
// ("nuo" in "nước"), a word that begins the query and differs by an ending
// ("teas" finds "tea"), a word typed with other diacritics than written.
const PREFIX = 0.5;
const ENDING = 0.75;
const OTHER_DIACRITICS = 0.6;
// Chunks a word's prefix may spread over before the rest is given up: a
// one-letter query should not download the index.
const PREFIX_CHUNKS = 3;

// Lower case, no diacritics, đ as d: the index's keys (crate::text::fold).
const fold = (text) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

/** The words of a query, as the index files them: `key` folded, `form`
 * as typed (lower case) when it has diacritics. */
export function words(query) {
  const out = [];
  for (const word of (query || '').normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const lower = word.toLowerCase();
    const key = fold(lower);
    if (key) out.push({ key, form: lower !== key ? lower : null });
  }
  return out;
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search index: ${url} answered ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Files are gzip; a host that served them decoded is fine too.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const utf8 = new TextDecoder();

// Reads LEB128 varints and length-prefixed texts from a chunk.
class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  number() {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }
  text() {
    const length = this.number();
    const text = utf8.decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }
}

// A chunk: key → { forms, postings }, postings read when first asked for.
function readChunk(bytes) {
  const reader = new Reader(bytes);
  const words = new Map();
  for (let count = reader.number(); count > 0; count--) {
    const key = reader.text();
    const forms = [];
    for (let n = reader.number(); n > 0; n--) forms.push(reader.text());
    const postings = reader.number();
    const start = reader.at;
    for (let n = 0; n < postings; n++) {
      reader.number();
      reader.number();
      reader.at++;
    }
    words.set(key, { forms, postings, bytes: bytes.subarray(start, reader.at) });
  }
  return words;
}

// Calls `each(record, form, score)` for each posting of a word.
function eachPosting(word, each) {
  const reader = new Reader(word.bytes);
  let record = 0;
  for (let n = 0; n < word.postings; n++) {
    record += reader.number();
    const form = reader.number();
    each(record, form === 0 ? null : word.forms[form - 1], word.bytes[reader.at++]);
  }
}

// The last place in the sorted `list` whose item is at most `value`.
function lastAtMost(list, value) {
  let low = 0;
  let high = list.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (list[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

class Index {
  constructor(base, entry) {
    this.base = base;
    this.entry = entry;
    this.starts = [];
    let start = 0;
    for (const size of entry.bundle_sizes) {
      this.starts.push(start);
      start += size;
    }
    this.chunks = new Map();
    this.bundles = new Map();
    this.columnsLoaded = null;
  }

  file(kind, name) {
    return new URL(`${this.entry.language}/${kind}/${name}.bin`, this.base).href;
  }

  chunk(number) {
    if (!this.chunks.has(number)) {
      this.chunks.set(number, fetchBytes(this.file('w', this.entry.chunks[number])).then(readChunk));
    }
    return this.chunks.get(number);
  }

  bundle(number) {
    if (!this.bundles.has(number)) {
      const url = this.file('r', this.entry.bundles[number]);
      this.bundles.set(number, fetchBytes(url).then((bytes) => JSON.parse(utf8.decode(bytes))));
    }
    return this.bundles.get(number);
  }

  // Each filter's column: a typed array of one code per record.
  columns() {
    if (!this.columnsLoaded) {
      const { filters, columns, records } = this.entry;
      this.columnsLoaded = columns
        ? fetchBytes(this.file('f', columns)).then((bytes) => {
            const out = {};
            let at = 0;
            for (const filter of filters) {
              const length = records * filter.width;
              const slice = bytes.slice(at, at + length);
              out[filter.name] = filter.width === 1 ? slice : new Uint16Array(slice.buffer);
              at += length;
            }
            return out;
          })
        : Promise.resolve({});
    }
    return this.columnsLoaded;
  }

  /** The data of record `id`: `{ url, meta }`. */
  async data(id) {
    const number = lastAtMost(this.starts, id);
    const records = await this.bundle(number);
    return records[id - this.starts[number]];
  }

  // The chunks that may hold a word matching `key`: its own, those of
  // the keys it may end in, and those its prefix spreads over.
  chunksFor(key) {
    const keys = this.entry.chunk_keys;
    const numbers = new Set();
    for (const cut of [0, 1, 2]) {
      if (cut === 0 || key.length - cut >= 3) numbers.add(lastAtMost(keys, key.slice(0, key.length - cut)));
    }
    const own = lastAtMost(keys, key);
    for (let next = own + 1; next < keys.length && next - own < PREFIX_CHUNKS && keys[next].startsWith(key); next++) {
      numbers.add(next);
    }
    return [...numbers];
  }

  // Records matching one word of a query: record → its best score.
  async match({ key, form }) {
    const chunks = await Promise.all(this.chunksFor(key).map((n) => this.chunk(n)));
    const best = new Map();
    const seen = new Set();
    for (const chunk of chunks) {
      for (const [word, entry] of chunk) {
        if (seen.has(word)) continue;
        let quality = 0;
        if (word === key) quality = 1;
        else if (word.startsWith(key)) quality = PREFIX;
        else if (key.startsWith(word) && word.length >= 3 && key.length - word.length <= 2) quality = ENDING;
        if (!quality) continue;
        seen.add(word);
        eachPosting(entry, (record, written, score) => {
          let value = score * quality;
          if (form && !(written && written.startsWith(form))) value *= OTHER_DIACRITICS;
          if (value > (best.get(record) || 0)) best.set(record, value);
        });
      }
    }
    return best;
  }

  /** Records matching every word of `query` and every filter of
   * `filters` ({ name: value }), best first, and for each filter the
   * results each of its values would give with the other filters kept. */
  async search(query, filters = {}) {
    const terms = words(query);
    const [columns, matched] = await Promise.all([this.columns(), Promise.all(terms.map((t) => this.match(t)))]);
    let scores = null;
    for (const found of matched) {
      if (!scores) {
        scores = found;
        continue;
      }
      const both = new Map();
      for (const [record, score] of scores) {
        const more = found.get(record);
        if (more !== undefined) both.set(record, score + more);
      }
      scores = both;
    }
    const wanted = [];
    for (const [name, value] of Object.entries(filters)) {
      if (value === '' || value == null) continue;
      const filter = this.entry.filters.find((f) => f.name === name);
      // A value the index does not know matches nothing.
      const code = filter && filter.values.includes(value) ? filter.values.indexOf(value) + 1 : -1;
      wanted.push({ name, column: columns[name], code });
    }
    const counts = {};
    const tallies = this.entry.filters.map((filter) => {
      const tally = new Uint32Array(filter.values.length + 1);
      return { filter, tally, column: columns[filter.name], others: wanted.filter((w) => w.name !== filter.name) };
    });
    const results = [];
    const consider = (record, score) => {
      let failed = 0;
      let failedName = null;
      for (const w of wanted) {
        if (!w.column || w.column[record] !== w.code) {
          failed++;
          failedName = w.name;
          if (failed > 1) return;
        }
      }
      for (const t of tallies) {
        // Counted under its value when every other filter lets it through.
        if (failed === 0 || failedName === t.filter.name) t.tally[t.column[record]]++;
      }
      if (failed === 0) results.push({ id: record, score });
    };
    if (scores) for (const [record, score] of scores) consider(record, score);
    else for (let record = 0; record < this.entry.records; record++) consider(record, 0);
    for (const { filter, tally } of tallies) {
      counts[filter.name] = {};
      filter.values.forEach((value, at) => {
        counts[filter.name][value] = tally[at + 1];
      });
    }
    results.sort((a, b) => b.score - a.score || a.id - b.id);
    for (const result of results) result.data = () => this.data(result.id);
    return { results, counts };
  }
}

/** The index of `language`, from the folder this file is served from. */
export async function open(language) {
  const base = new URL('./', import.meta.url);
  const response = await fetch(new URL(`${language}.json`, base));
  if (!response.ok) throw new Error(`search index: no index for "${language}" (${response.status})`);
  const entry = await response.json();
  if (entry.format !== FORMAT) throw new Error(`search index: format ${entry.format}, runtime ${FORMAT}`);
  return new Index(base, entry);
}
