/*
 * Wraps Material for MkDocs' search worker, whose file name arrives in the "material"
 * query parameter. Material's worker has no hook for this, so the wrapper works at
 * its edges:
 *  - every indexed word and every query word has its Latin diacritics folded
 *    ("Đất Mũi" and "dat mui" are the same words) and its Khmer look-alike spellings
 *    made one, with the table the build wrote into the index (config.portal.khmer,
 *    from portal.search_index.KHMER_EQUIVALENCES): the same table at index and query
 *    time, while results show the editor's own spelling;
 *  - a Khmer query, typed without spaces, is split into the words the index holds
 *    (longest match): the build put ZERO WIDTH SPACE between Khmer words, so the
 *    index's own vocabulary is the reference, not the browser's segmenter;
 *  - where the index stems words (its pipeline has "stemmer"), query words are stemmed
 *    the same way before Material adds its trailing wildcard, which lunr never stems:
 *    otherwise "festival*" could not match the indexed stem "festiv";
 *  - lunr finds the candidates (and Material highlights them), then the results are
 *    ranked again here, because lunr scores words one by one: it cannot prefer an exact
 *    spelling ("đảo") over its folded look-alikes ("đạo"), a phrase over the same words
 *    scattered, or a page about a topic over one that mentions it (see rank() below);
 *  - a glossary word (config.portal.glossary, from content/glossary.yml) lets an
 *    English reader's "island" stand for the "Hòn" of a Vietnamese name;
 *  - those ZERO WIDTH SPACEs are removed from the results shown to the reader.
 */
"use strict";

const KHMER_RUN = /[\u1780-\u17ff\u19e0-\u19ff]+/g;
const KHMER_CHAR = /[\u1780-\u17ff\u19e0-\u19ff]/;
const INVISIBLE = /[\u200b-\u200d\u2060]/g;
const HAN_CHAR = /\p{Script=Han}/u;
const WORD_SPLIT = /[^\p{L}\p{M}\p{N}]+/u;
const LONGEST_KHMER_WORD = 24;
const khmerWords = new Set();
let indexConfig = { lang: ["en"], pipeline: [] };
let khmerTable = new Map();
let khmerVariant = null;
let setupDocs = [];
let model = null;
let lastQuery = "";

/* ---- Equivalences: Latin diacritics, Khmer look-alikes ---------------------------- */

function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\u0111/g, "d")
    .replace(/\u0110/g, "D")
    .normalize("NFC");
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function setKhmerEquivalences(pairs) {
  khmerTable = new Map(pairs || []);
  const variants = [...khmerTable.keys()].sort((a, b) => b.length - a.length);
  khmerVariant = variants.length ? new RegExp(variants.map(escapeRegExp).join("|"), "g") : null;
}

function canonicalKhmer(text) {
  const normal = text.normalize("NFC");
  return khmerVariant ? normal.replace(khmerVariant, (variant) => khmerTable.get(variant)) : normal;
}

function searchForm(text) {
  // Fold only outside Khmer runs: NFD must not touch Khmer vowel signs.
  let result = "";
  let last = 0;
  for (const match of text.matchAll(KHMER_RUN)) {
    result += fold(text.slice(last, match.index)) + canonicalKhmer(match[0]);
    last = match.index + match[0].length;
  }
  return result + fold(text.slice(last));
}

/* ---- Khmer queries split against the index's own words --------------------------- */

function learnKhmerWords(text) {
  if (typeof text !== "string" || !KHMER_CHAR.test(text)) return;
  for (const word of text.split(/[\s\u200b]+/)) {
    const core = word.match(KHMER_RUN);
    if (core) core.forEach((part) => { const form = canonicalKhmer(part); if (form) khmerWords.add(form); });
  }
}

function splitKhmer(run) {
  const words = [];
  let unknown = "";
  let index = 0;
  while (index < run.length) {
    let length = Math.min(LONGEST_KHMER_WORD, run.length - index);
    while (length > 0 && !khmerWords.has(run.slice(index, index + length))) length--;
    if (length === 0) {
      unknown += run[index];
      index += 1;
      continue;
    }
    if (unknown) {
      words.push(unknown);
      unknown = "";
    }
    words.push(run.slice(index, index + length));
    index += length;
  }
  if (unknown) words.push(unknown);
  return words.join(" ");
}

function stemmer() {
  if (!indexConfig.pipeline.includes("stemmer")) return null;
  const lang = indexConfig.lang[0];
  const language = lang === "en" ? self.lunr : self.lunr[lang];
  return language && typeof language.stemmer === "function" ? language.stemmer : null;
}

const stems = new Map();  // a site has far fewer distinct words than words

function stemWord(word, stem = stemmer()) {
  if (!stem || !/^[\p{Script=Latin}\p{N}]+$/u.test(word)) return word;
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stem(new self.lunr.Token(word, {})).toString() || word;
    stems.set(word, stemmed);
  }
  return stemmed;
}

function stemWords(query) {
  const stem = stemmer();
  if (!stem) return query;
  return query.replace(/[\p{Script=Latin}\p{N}]+/gu, (word) => stemWord(word.toLowerCase(), stem));
}

function withoutInvisible(text) {
  return text.replace(INVISIBLE, "");
}

function splitKhmerRuns(text) {
  return text.replace(KHMER_RUN, (run) => splitKhmer(canonicalKhmer(run)));
}

function prepareQuery(query) {
  const canonical = splitKhmerRuns(searchForm(withoutInvisible(query)));
  const words = canonical.split(/\s+/).filter(Boolean);
  // Glossary words: what the reader's word stands for, as further (optional) terms so
  // that lunr returns the pages written with them.
  const extra = glossaryMatches(queryWords(query)).flatMap((match) => match.words)
    .filter((word) => !words.includes(word));
  return stemWords([canonical, ...new Set(extra)].join(" "));
}

/* ---- Ranking ---------------------------------------------------------------------- */

function stripTags(html) {
  return typeof html === "string" ? html.replace(/<[^>]*>/g, " ") : "";
}

// Words of a text as the ranking compares them: raw (lowercase, diacritics kept), form
// (folded, Khmer canonical) and stem (the form as the index's stemmer leaves it).
const forms = new Map();

function words(text, stem) {
  const result = [];
  // ZERO WIDTH SPACE separates the build's Khmer words; the joiners separate nothing.
  const spaced = String(text || "").replace(/\u200b/g, " ").replace(INVISIBLE, "");
  for (const piece of spaced.toLowerCase().normalize("NFC").split(WORD_SPLIT)) {
    if (!piece) continue;
    if (HAN_CHAR.test(piece)) {
      // Chinese is written without spaces and has no segmenter here: each character is a
      // word, and the phrase bonus rewards characters standing together as typed.
      for (const char of piece) result.push({ raw: char, form: fold(char), stem: fold(char), khmer: false });
      continue;
    }
    let known = forms.get(piece);
    if (!known) {
      const isKhmer = KHMER_CHAR.test(piece);
      const raw = isKhmer ? canonicalKhmer(piece) : piece;
      known = [raw, isKhmer ? raw : fold(raw), isKhmer];
      forms.set(piece, known);
    }
    const [raw, form, isKhmer] = known;
    if (!form) continue;
    result.push({ raw, form, stem: stem ? stemWord(form, stem) : form, khmer: isKhmer });
  }
  return result;
}

function queryWords(query) {
  const text = splitKhmerRuns(withoutInvisible(query).toLowerCase().normalize("NFC")
    .replace(KHMER_RUN, (run) => canonicalKhmer(run)));
  return words(text, stemmer());
}

function glossaryMatches(concepts) {
  const pairs = (indexConfig.portal && indexConfig.portal.glossary) || [];
  const stem = stemmer();
  const matches = [];
  for (const [said, meant] of pairs) {
    const saidStems = said.map((word) => stemWord(word, stem));
    for (let start = 0; start + saidStems.length <= concepts.length; start++) {
      if (saidStems.every((word, offset) => concepts[start + offset].stem === word ||
                                            concepts[start + offset].form === said[offset]))
        matches.push({ start, span: said.length, words: meant });
    }
  }
  return matches;
}

function buildModel() {
  const stem = stemmer();
  const titles = new Map(setupDocs.filter((doc) => !doc.location.includes("#"))
    .map((doc) => [doc.location, doc.title]));
  const docs = setupDocs.map((doc) => {
    const page = doc.location.split("#")[0];
    const ownPage = doc.location === page;
    return {
      doc,
      location: doc.location,
      page,
      // A section's heading, its text, and the title of the page it belongs to.
      fields: [words(doc.title, stem), words(stripTags(doc.text), stem),
               ownPage ? [] : words(titles.get(page) || "", stem)],
    };
  });
  // A document that names three or more other pages (the home page's "latest news",
  // a press room's list of releases, the festival calendar) points to them: it should
  // not outrank them on their own words. Same for the home page itself, which sums up
  // every section.
  const pageTitles = [...titles].filter(([, title]) => title && title.length > 3)
    .map(([location, title]) => [location, fold(title.toLowerCase())]);
  for (const entry of docs) {
    const text = fold(stripTags(entry.doc.text).toLowerCase());
    const named = pageTitles.filter(([location, title]) => location !== entry.page && text.includes(title)).length;
    entry.prior = (named >= 3 ? 0.5 : 1) * (entry.page === "" ? 0.6 : 1);
  }
  const frequency = new Map();
  for (const entry of docs) {
    for (const key of new Set(entry.fields.flat().map((word) => word.stem))) {
      frequency.set(key, (frequency.get(key) || 0) + 1);
    }
  }
  const averageLength = docs.reduce((sum, entry) => sum + entry.fields[1].length, 0) / Math.max(docs.length, 1) || 1;
  for (const entry of docs) entry.lookup = entry.fields.map(lookup);
  const byLocation = new Map(docs.map((entry) => [entry.location, entry]));
  return { docs, byLocation, frequency, averageLength, count: docs.length };
}

// Where a field's words are, by form and by stem: a query looks its words up instead
// of reading every word of every candidate.
function lookup(field) {
  const byForm = new Map();
  const byStem = new Map();
  field.forEach((word, p) => {
    if (!byForm.has(word.form)) byForm.set(word.form, []);
    byForm.get(word.form).push(p);
    if (!byStem.has(word.stem)) byStem.set(word.stem, []);
    byStem.get(word.stem).push(p);
  });
  return { byForm, byStem };
}

// [position, quality] of every word of a field matching a query word (see quality()).
function matches(field, { byForm, byStem }, concept, last) {
  const seen = new Set();
  const found = [];
  const add = (p) => {
    if (seen.has(p)) return;
    seen.add(p);
    const q = quality(field[p], concept, last);
    if (q > 0) found.push([p, q]);
  };
  (byForm.get(concept.form) || []).forEach(add);
  (byStem.get(concept.stem) || []).forEach(add);
  if (last && concept.form.length >= 2) {
    for (const [form, places] of byForm) if (form.startsWith(concept.form)) places.forEach(add);
  }
  return found;
}

// How well one word of a page matches one word of the query (0: not at all).
function quality(word, concept, last) {
  if (word.raw === concept.raw) return 1;
  if (word.form === concept.form) return concept.raw !== concept.form ? 0.4 : 1;
  if (word.stem === concept.stem) return 0.85;
  // The last word may be still being typed; if it is already a word of the index, a
  // longer word starting with it is a weak match ("do" is not "đọc").
  if (last && concept.form.length >= 2 && word.form.startsWith(concept.form)) return concept.known ? 0.15 : 0.45;
  return 0;
}

const TITLE_WEIGHT = 6;
const PAGE_TITLE_WEIGHT = 2;
const K1 = 1.2;

// Fields: 0 the document's title (a section's heading), 1 its text, 2 its page's title.
// A long title matching one query word says less than a short one.
function fieldWeight(field, length, queryLength) {
  if (field === 1) return 1;
  const weight = field === 0 ? TITLE_WEIGHT : PAGE_TITLE_WEIGHT;
  return weight / (1 + 0.15 * Math.max(length - queryLength, 0));
}

function fieldAverage(field, queryLength) {
  return field === 1 ? model.averageLength : Math.max(queryLength, 3);
}

function saturate(count, length, averageLength, b) {
  const k = K1 * (1 - b + b * length / averageLength);
  return count * (K1 + 1) / (count + k);
}

// The score of one indexed document (a page's head or one of its sections):
// BM25-like per query word, a title (or heading) match worth TITLE_WEIGHT body matches,
// exact spellings above folded look-alikes, the share of query words found squared,
// and a bonus when the words stand together as typed (a phrase beats scattered words).
function scoreDoc(entry, query) {
  const { concepts, alternatives, partialLast } = query;
  const n = concepts.length;
  if (!n) return 0;
  const scores = new Array(n).fill(0);
  const positions = concepts.map(() => [new Set(), new Set(), new Set()]);
  const used = [new Set(), new Set(), new Set()];
  entry.fields.forEach((field, f) => {
    const titleLength = field.length;
    concepts.forEach((concept, i) => {
      let best = 0;
      let count = 0;
      for (const [p, q] of matches(field, entry.lookup[f], concept, partialLast && i === n - 1)) {
        best = Math.max(best, q);
        count += q;
        if (q >= 0.4) positions[i][f].add(p);
        used[f].add(p);
      }
      if (!best) return;
      scores[i] += concept.idf * fieldWeight(f, titleLength, n) * best *
        saturate(count, field.length, fieldAverage(f, n), f === 1 ? 0.5 : 0.3);
    });
  });
  // Glossary: the Vietnamese words a reader's word stands for, where they are not
  // already another query word's match ("Hòn" in "Hon Khoai island" is Hon's, not island's).
  for (const alternative of alternatives) {
    entry.fields.forEach((field, f) => {
      let count = 0;
      for (const p of entry.lookup[f].byForm.get(alternative.words[0]) || []) {
        if (p + alternative.words.length <= field.length &&
            alternative.words.every((word, offset) => field[p + offset].form === word &&
                                    !used[f].has(p + offset))) count += 1;
      }
      if (!count) return;
      for (let i = alternative.start; i < alternative.start + alternative.span; i++) {
        const score = concepts[i].idf * fieldWeight(f, field.length, n) * 0.8 *
          saturate(count, field.length, fieldAverage(f, n), f === 1 ? 0.5 : 0.3);
        if (score > scores[i]) scores[i] = score;
      }
    });
  }
  const total = concepts.reduce((sum, concept) => sum + concept.idf, 0);
  const found = concepts.reduce((sum, concept, i) => sum + (scores[i] > 0 ? concept.idf : 0), 0);
  if (!found) return 0;
  let score = scores.reduce((sum, value) => sum + value, 0) * (found / total) ** 2;
  if (n > 1) {
    let longest = 1;
    for (let f = 0; f < 3; f++) {
      for (let start = 0; start < n; start++) {
        for (const p of positions[start][f]) {
          let length = 1;
          while (start + length < n && positions[start + length][f].has(p + length)) length++;
          longest = Math.max(longest, length);
        }
      }
    }
    score *= 1 + 2 * (longest - 1) / (n - 1);
  }
  entry.coverage = found / total;
  entry.matched = scores.map((value) => value > 0);
  return score * entry.prior;
}

function parseQuery(text) {
  const concepts = queryWords(text.replace(/[*+\-~^":]+/g, " "));
  for (const concept of concepts) {
    const frequency = model.frequency.get(concept.stem) || 0;
    concept.idf = Math.log(1 + (model.count - frequency + 0.5) / (frequency + 0.5));
    concept.known = frequency > 0;
  }
  return { concepts, alternatives: glossaryMatches(concepts), partialLast: !/\s$/.test(text) };
}

// Results grouped by page: a page ranks by its best document plus a share of its other
// matching sections, so the page about a topic outranks a page that mentions it once.
function rank(result) {
  if (!model) model = buildModel();
  const query = parseQuery(lastQuery);
  const found = new Map();
  for (const group of result.items || []) for (const item of group) found.set(item.location, item);
  const pages = new Map();
  // lunr's candidates hold every document with a word of the query (folded, stemmed,
  // as a prefix, or a glossary word added by prepareQuery): only they can score. Not so
  // for Chinese, which lunr indexes by whole clauses: there every document is scored.
  const candidates = HAN_CHAR.test(lastQuery) ? model.byLocation.keys() : found.keys();
  for (const location of candidates) {
    const entry = model.byLocation.get(location);
    if (!entry) continue;
    const score = scoreDoc(entry, query);
    if (!pages.has(entry.page)) pages.set(entry.page, []);
    pages.get(entry.page).push({ entry, score });
  }
  const best = Math.max(0, ...[...pages.values()].flat().map((item) => item.score));
  if (!best) return result;  // nothing this ranking understands: keep lunr's order
  const groups = [];
  for (const [page, members] of pages) {
    members.sort((a, b) => b.score - a.score);
    const top = members[0].score;
    if (!top) continue;
    // Other strong sections (every query word, at least half the best one's score) add
    // a little: a page about the topic has several; a page mentioning it has one.
    const others = members.slice(1)
      .filter((item) => item.entry.coverage === 1 && item.score >= 0.5 * top)
      .reduce((sum, item) => sum + item.score, 0);
    const pageScore = top + Math.min(0.2 * others, 0.3 * top);
    if (!members.some((item) => item.entry.location === page)) {
      const head = model.byLocation.get(page);
      if (head) members.push({ entry: head, score: 0 });
    }
    // The query's own words, found or not (Material lists the missing ones): not the
    // glossary words added for lunr, and found where a look-alike spelling matched.
    const items = members.map(({ entry, score }) => Object.assign(
      {}, found.get(entry.location) || entry.doc, { score, terms: Object.fromEntries(
        query.concepts.map((concept, i) => [concept.raw, Boolean(score && entry.matched && entry.matched[i])])) }));
    groups.push({ pageScore, items });
  }
  groups.sort((a, b) => b.pageScore - a.pageScore);
  return Object.assign({}, result, { items: groups.map((group) => group.items) });
}

/* ---- Wiring into Material's worker ------------------------------------------------ */

function withoutZeroWidthSpaces(value) {
  if (typeof value === "string") return value.replace(/\u200b/g, "");
  if (Array.isArray(value)) return value.map(withoutZeroWidthSpaces);
  if (value && typeof value === "object") {
    const copy = {};
    for (const [key, item] of Object.entries(value)) copy[key] = withoutZeroWidthSpaces(item);
    return copy;
  }
  return value;
}

function transform(data) {
  if (data && data.type === 0 && data.data && Array.isArray(data.data.docs)) {
    indexConfig = Object.assign({ lang: ["en"], pipeline: [] }, data.data.config);
    setKhmerEquivalences(indexConfig.portal && indexConfig.portal.khmer);
    setupDocs = data.data.docs;
    model = null;
    for (const doc of data.data.docs) {
      learnKhmerWords(doc.title);
      learnKhmerWords(doc.text);
    }
  } else if (data && data.type === 2 && typeof data.data === "string") {
    lastQuery = data.data;
    return { type: 2, data: prepareQuery(data.data) };
  }
  return data;
}

const addListener = self.addEventListener.bind(self);
self.addEventListener = (type, listener, options) => {
  if (type !== "message") return addListener(type, listener, options);
  return addListener(type, (event) => listener({ data: transform(event.data) }), options);
};

const post = self.postMessage.bind(self);
self.postMessage = (message, ...rest) => {
  if (message && message.type === 3 && message.data && lastQuery.trim()) {
    try {
      const started = performance.now();
      message = { type: 3, data: rank(message.data) };
      self.portalSearch.rankMs = performance.now() - started;
    } catch (error) {
      console.warn("portal-search: ranking failed, showing lunr's order", error);
    }
  }
  return post(withoutZeroWidthSpaces(message), ...rest);
};

// For tests: the same normalisers the worker applies, callable from a page.
// For tests and for tuning: the worker's own normalisers, and each document's score.
self.portalSearch = {
  canonicalKhmer, searchForm, prepareQuery,
  explain(text) {
    if (!model) model = buildModel();
    const query = parseQuery(text);
    return model.docs.map((entry) => [entry.location, scoreDoc(entry, query), entry.coverage, entry.prior])
      .filter((row) => row[1] > 0).sort((a, b) => b[1] - a[1]);
  },
};

const material = new URL(self.location.href).searchParams.get("material") || "";
if (!/^[\w.-]+\.js$/.test(material)) throw new Error("portal-search: bad worker name");
importScripts(new URL(material, self.location.href).href);

// Material's tokenizer builds every word as a lunr.Token: fold them as they are made.
const Token = self.lunr.Token;
function FoldedToken(text, metadata) {
  Token.call(this, typeof text === "string" ? searchForm(text) : text, metadata);
}
FoldedToken.prototype = Token.prototype;
self.lunr.Token = FoldedToken;
