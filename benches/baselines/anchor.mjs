// The Hypothesis annotation client's way of anchoring a quote (its `match-quote` module): exact
// matches first, else approx-string-match with up to half the quote's length in errors (at most
// 256), every match scored by quote 50, prefix 20, suffix 20 and position 2, the best kept.
// Written for this benchmark after the client's published behaviour.
//
// Usage: node anchor.mjs CORPUS_DIR [RUNS]   (claims.json and sources/ as `cargo bench --bench
// anchor` writes them). Anchors every claim RUNS times (default 1) and prints one JSON line:
// {"ms": [total anchoring time of each run], "anchors": [[start, end] | null]}.
import search from 'approx-string-match';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function find(text, quote, maxErrors) {
  const exact = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    exact.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return exact.length > 0 ? exact : search(text, quote, maxErrors);
}

function contextScore(text, wanted) {
  if (wanted.length === 0 || text.length === 0) return 0;
  const matches = find(text, wanted, wanted.length);
  return matches.length === 0 ? 0 : 1 - matches[0].errors / wanted.length;
}

function matchQuote(text, quote, { prefix, suffix, hint }) {
  if (quote.length === 0) return null;
  const matches = find(text, quote, Math.min(256, quote.length / 2));
  if (matches.length === 0) return null;
  const score = (m) => {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = prefix ? contextScore(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const suffixScore = suffix ? contextScore(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const posScore = typeof hint === 'number' ? 1 - Math.abs(m.start - hint) / text.length : 1;
    return 50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore;
  };
  let best = null;
  let bestScore = -Infinity;
  for (const m of matches) {
    const s = score(m);
    if (s > bestScore) {
      best = m;
      bestScore = s;
    }
  }
  return best;
}

const dir = process.argv[2];
const claims = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8'));
const sources = new Map();
for (const claim of claims) {
  if (!sources.has(claim.source)) sources.set(claim.source, readFileSync(join(dir, 'sources', claim.source), 'utf8'));
}
const runs = Number(process.argv[3] ?? 1);
const ms = [];
let anchors = [];
for (let run = 0; run < runs; run++) {
  const started = process.hrtime.bigint();
  anchors = claims.map((claim) => {
    const found = matchQuote(sources.get(claim.source), claim.quote, claim);
    return found ? [found.start, found.end] : null;
  });
  ms.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(JSON.stringify({ ms, anchors }));
