// The script side of internal/search's tests, run by node:
//
//	node run.js SEARCH_JS cut < cases.json     → each case's tokens and query terms
//	node run.js SEARCH_JS query DIR < queries  → each query's results, best first,
//	                                             the rounds of requests it took, and
//	                                             those until its first result's line
//	node run.js SEARCH_JS query DIR postings < keys → each key's pages, and pages with it in the head
//
// SEARCH_JS is themes/default/static/js/search.js; DIR an index folder.
'use strict';
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const s = require(path.resolve(process.argv[2]));
const input = JSON.parse(fs.readFileSync(0, 'utf8'));

if (process.argv[3] === 'cut') {
  const out = input.map(c => ({
    tokens: s.tokens(c.text),
    terms: s.queryTerms(c.text).map(t => ({ toks: t.toks.map(x => [x.key, x.off]), unis: t.unis })),
  }));
  process.stdout.write(JSON.stringify(out));
} else {
  const dir = process.argv[4];
  let fetched = 0, rounds = 0, queue = [];
  const file = p => path.join(dir, p.split('?')[0]);
  // Requests are answered in rounds, as a browser's are: all those asked
  // for before the engine waits are answered together, then the engine
  // asks for the next. rounds counts them.
  const answer = v => new Promise(resolve => {
    if (!queue.length) setImmediate(() => {
      rounds++;
      const q = queue;
      queue = [];
      q.forEach(f => f());
    });
    queue.push(() => resolve(v));
  });
  // A new engine for each query, as a browser with an empty cache.
  const engine = () => new s.Engine({
    file: p => {
      const b = fs.readFileSync(file(p));
      fetched += b.length;
      return answer(b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b);
    },
    range: (p, from, to) => {
      fetched += to - from;
      return answer(fs.readFileSync(file(p)).subarray(from, to));
    },
    inflate: b => Promise.resolve(zlib.inflateRawSync(b)),
  });
  (async () => {
    const out = [];
    if (process.argv[5] === 'postings') {
      // input: keys; for each, the pages holding it and those with it in
      // the title, 文号 or 索引号.
      const e = engine(), out = [];
      for (const k of input) {
        const p = await e.pages(await e.entry(k), true);
        out.push({ pages: p.list, head: [...p.head.keys()] });
      }
      process.stdout.write(JSON.stringify(out));
      return;
    }
    for (const q of input) {
      fetched = 0;
      rounds = 0;
      const e = engine();
      if (q.budget) e.budget = q.budget;
      const r = await e.search(q.q, q.filter || {}, q.want);
      const searched = rounds;
      if (r.ids.length) await e.doc(r.ids[0]);
      const first = rounds;
      const docs = await e.docs(r.ids);
      out.push({ urls: docs.map(d => d.url), fetched, rounds: searched, first, total: r.total, complete: r.complete, stopped: r.stopped });
    }
    process.stdout.write(JSON.stringify(out));
  })().catch(err => { console.error(err); process.exit(1); });
}
