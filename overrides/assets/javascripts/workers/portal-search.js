/*
 * Wraps Material for MkDocs' search worker, whose file name arrives in the "material"
 * query parameter. Material's worker has no hook for this, so the wrapper works at
 * its edges:
 *  - every indexed word and every query word has its Latin diacritics folded
 *    ("Đất Mũi" and "dat mui" are the same words);
 *  - a Khmer query, typed without spaces, is split into the words the index holds
 *    (longest match): the build put ZERO WIDTH SPACE between Khmer words, so the
 *    index's own vocabulary is the reference, not the browser's segmenter;
 *  - where the index stems words (its pipeline has "stemmer"), query words are stemmed
 *    the same way before Material adds its trailing wildcard, which lunr never stems:
 *    otherwise "festival*" could not match the indexed stem "festiv";
 *  - those ZERO WIDTH SPACEs are removed from the results shown to the reader.
 */
"use strict";

const KHMER_RUN = /[\u1780-\u17ff\u19e0-\u19ff]+/g;
const KHMER_CHAR = /[\u1780-\u17ff\u19e0-\u19ff]/;
const LONGEST_KHMER_WORD = 24;
const khmerWords = new Set();
let indexConfig = { lang: ["en"], pipeline: [] };

function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\u0111/g, "d")
    .replace(/\u0110/g, "D")
    .normalize("NFC");
}

function foldLatin(text) {
  // Fold only outside Khmer runs: NFD must not touch Khmer vowel signs.
  let result = "";
  let last = 0;
  for (const match of text.matchAll(KHMER_RUN)) {
    result += fold(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + fold(text.slice(last));
}

function learnKhmerWords(text) {
  if (typeof text !== "string" || !KHMER_CHAR.test(text)) return;
  for (const word of text.split(/[\s\u200b]+/)) {
    const core = word.match(KHMER_RUN);
    if (core) core.forEach((part) => khmerWords.add(part));
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

function stemWords(query) {
  const stem = stemmer();
  if (!stem) return query;
  return query.replace(/[\p{Script=Latin}\p{N}]+/gu, (word) =>
    stem(new self.lunr.Token(word.toLowerCase(), {})).toString() || word);
}

function prepareQuery(query) {
  const folded = foldLatin(query.replace(/\u200b/g, "")).replace(KHMER_RUN, splitKhmer);
  return stemWords(folded);
}

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
    for (const doc of data.data.docs) {
      learnKhmerWords(doc.title);
      learnKhmerWords(doc.text);
    }
  } else if (data && data.type === 2 && typeof data.data === "string") {
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
self.postMessage = (message, ...rest) => post(withoutZeroWidthSpaces(message), ...rest);

const material = new URL(self.location.href).searchParams.get("material") || "";
if (!/^[\w.-]+\.js$/.test(material)) throw new Error("portal-search: bad worker name");
importScripts(new URL(material, self.location.href).href);

// Material's tokenizer builds every word as a lunr.Token: fold them as they are made.
const Token = self.lunr.Token;
function FoldedToken(text, metadata) {
  Token.call(this, typeof text === "string" ? foldLatin(text) : text, metadata);
}
FoldedToken.prototype = Token.prototype;
self.lunr.Token = FoldedToken;
