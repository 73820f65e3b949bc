/* 站内搜索: the /search/ page's script, loaded on that page only. It
   reads the query from the address (/search/?q=…&column=…&year=…&topic=…),
   fetches the parts of the index under search/ that the query needs (the
   format is described in gongkai's internal/search/index.go), and lists
   the pages found in #search-results, best first. No framework, no other
   site, no WebAssembly.

   normalize, cut and queryTerms follow the cutting rules of
   internal/search/segment.go exactly: a test runs both on the cases of
   internal/search/testdata/segment.json. In node this file exports its
   engine instead of starting (internal/search's tests use it). */
(function () {
  'use strict';

  var MAX_WORD = 32;

  function normalize(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) c = 32;
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }
  function isHan(c) {
    return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF ||
      c >= 0xF900 && c <= 0xFAFF || c >= 0x20000 && c <= 0x323AF || c === 0x3007;
  }
  function isWord(c) { return c >= 97 && c <= 122 || c >= 48 && c <= 57; }

  // cut calls emit(key, pos) for each token of s, as Cut in segment.go:
  // bigrams and words at their place (in characters), unigrams at -1.
  function cut(s, emit) {
    var pos = 0, prev = 0, inWord = false, wordPos = 0, w = '';
    for (var ch of s) {
      var c = normalize(ch.codePointAt(0));
      if (isHan(c)) {
        if (inWord) { emit(w, wordPos); inWord = false; w = ''; }
        if (prev) emit(String.fromCodePoint(prev, c), pos - 1);
        emit(String.fromCodePoint(c), -1);
        prev = c;
      } else if (isWord(c)) {
        prev = 0;
        if (!inWord) { inWord = true; wordPos = pos; }
        if (w.length < MAX_WORD) w += String.fromCharCode(c);
      } else {
        if (inWord) { emit(w, wordPos); inWord = false; w = ''; }
        prev = 0;
      }
      pos++;
    }
    if (inWord) emit(w, wordPos);
  }

  function tokens(s) {
    var list = [];
    cut(s, function (k, p) { list.push([k, p]); });
    return list;
  }

  // normText maps each UTF-16 unit as normalize does: the result has the
  // same length, so a place found in it is a place in s.
  function normText(s) {
    var out = '';
    for (var i = 0; i < s.length; i++) out += String.fromCharCode(normalize(s.charCodeAt(i)));
    return out;
  }

  // queryTerms cuts a query into terms, at white space: each term a
  // phrase of tokens at offsets from its first, and the unigrams of its
  // characters that no bigram holds (a lone 年 in 「2020年」).
  function queryTerms(q) {
    var terms = [];
    docNo(normText(q)).split(/\s+/).forEach(function (text) {
      var toks = [], unis = [], first = -1;
      cut(text, function (k, p) {
        if (p < 0) { unis.push(k); return; }
        if (first < 0) first = p;
        toks.push({ key: k, off: p - first });
      });
      unis = unis.filter(function (u, i) {
        return unis.indexOf(u) === i && !toks.some(function (t) { return t.key.indexOf(u) >= 0; });
      });
      if (toks.length || unis.length) terms.push({ text: text, toks: toks, unis: unis, len: Array.from(text).length });
    });
    return terms;
  }

  // docNo writes a 文号 typed without its brackets (示发2018 7号,
  // 秦科发2020-20号, 示发20187号) with them, as pages write it: a bracket
  // takes a place, a space or none another count, and as typed the
  // phrase would not be found. Any brackets are one place, as 〔〕 are.
  var DOCNO = /([\u3400-\u9fff]{1,12}?)[\s\-－〔\[(【]*((?:19|20)\d\d)[\s\-－〕\])】]*(\d{1,5})\s*号/g;
  function docNo(q) { return q.replace(DOCNO, '$1〔$2〕$3号'); }

  function hash(key) {
    var b = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  }

  function Reader(buf, i) { this.b = buf; this.i = i || 0; }
  Reader.prototype.uv = function () {
    var x = 0, m = 1, c;
    do { c = this.b[this.i++]; x += (c & 127) * m; m *= 128; } while (c & 128);
    return x;
  };

  // Engine answers queries from an index, read through io:
  //   io.file(path)            the bytes of a file under search/, un-gzipped
  //   io.range(path, from, to) bytes from to to-1 of a file, as stored
  //   io.inflate(bytes)        raw deflate undone
  // Each resolves to a Uint8Array. hint, if given, is what the page says
  // of the index ({version, dicts}, as in index.json): the dictionaries a
  // query needs are then asked for with index.json, not after it, and
  // index.json only confirms the version (if it does not, the page is
  // older than the index, and the search fails, to be tried without).
  function Engine(io, hint) {
    this.io = io;
    this.hint = hint && hint.version && hint.dicts > 0 ? hint : null;
    if (this.hint) this.version = this.hint.version;
    this.files = {};
    this.dicts = {};
    this.parts = {};
    this.spent = 0; // bytes of postings fetched by range
    this.budget = BUDGET;
  }
  // BUDGET is how many bytes of places a query fetches to settle a
  // phrase's candidates before it stops and shows what it found, the
  // newest: on a portal of a million pages, a phrase on no page, made of
  // bigrams on most, would otherwise fetch every block of their places,
  // megabytes. The page offers to look further (Engine.budget).
  var BUDGET = 256 << 10;

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.m) this.m = this.io.file('index.json').then(function (b) {
      var m = JSON.parse(new TextDecoder().decode(b));
      if (self.hint && m.version !== self.hint.version) throw new Error('the index changed since this page was made');
      self.version = m.version;
      HEAD = m.head;
      return m;
    });
    return this.m;
  };

  // layout resolves to what finding a token's dictionary needs
  // ({version, dicts}): the hint, or else the manifest.
  Engine.prototype.layout = function () {
    return this.hint ? Promise.resolve(this.hint) : this.manifest();
  };

  Engine.prototype.file = function (path) {
    if (!this.files[path]) this.files[path] = this.io.file(path + '?v=' + this.version);
    return this.files[path];
  };

  // dict resolves to dictionary k: key → entry, each entry with where
  // the parts of its posting lie in pack k: {pack, at, len} for pages,
  // head and each block (blocks also give their first page's index and
  // count).
  Engine.prototype.dict = function (k) {
    var self = this;
    if (!this.dicts[k]) this.dicts[k] = this.file('t/' + k + '.bin').then(function (b) {
      var r = new Reader(b), n = r.uv(), pack = 'p/' + k + '.bin?v=' + self.version, at = 0, table = {}, dec = new TextDecoder();
      // part reads a part's length: doubled, plus 1 when deflated.
      function part(v) { var p = { pack: pack, at: at, len: Math.floor(v / 2), z: v % 2 === 1 }; at += p.len; return p; }
      for (var i = 0; i < n; i++) {
        var kl = r.uv(), key = dec.decode(b.subarray(r.i, r.i + kl));
        r.i += kl;
        var e = { df: r.uv() }, kind = r.uv(), from = at;
        e.unigram = kind === 1;
        e.pages = part(r.uv());
        if (!e.unigram) {
          e.head = part(r.uv());
          var nb = r.uv(), first = 0;
          e.blocks = [];
          for (var j = 0; j < nb; j++) {
            var pages = nb > 1 ? r.uv() : e.df, bl = part(r.uv());
            bl.first = first;
            bl.n = pages;
            first += pages;
            e.blocks.push(bl);
          }
        }
        e.len = at - from;
        table[key] = e;
      }
      return table;
    });
    return this.dicts[k];
  };

  Engine.prototype.entry = function (key) {
    var self = this;
    return this.layout().then(function (m) {
      // The dictionaries are ranges of hashes: ⌊hash × dicts / 2³²⌋ (exact:
      // the product stays below 2⁵³).
      return self.dict(Math.floor(hash(key) * m.dicts / 4294967296)).then(function (t) { return t[key]; });
    });
  };

  // fetchParts resolves to the bytes of parts of postings ({p: part}),
  // inflated where deflated, fetching the ones not yet fetched with as
  // few range requests as the packs allow.
  Engine.prototype.fetchParts = function (list) {
    var self = this, need = [];
    list.forEach(function (x) {
      var id = partID(x.p);
      if (!self.parts[id] && need.indexOf(x) < 0) need.push(x);
    });
    need.sort(function (a, b) { return a.p.pack < b.p.pack ? -1 : a.p.pack > b.p.pack ? 1 : a.p.at - b.p.at; });
    var i = 0;
    while (i < need.length) {
      var j = i + 1, end = need[i].p.at + need[i].p.len;
      while (j < need.length && need[j].p.pack === need[i].p.pack && need[j].p.at <= end + GAP) {
        end = Math.max(end, need[j].p.at + need[j].p.len);
        j++;
      }
      this.fetchRange(need.slice(i, j), end);
      i = j;
    }
    return Promise.all(list.map(function (x) { return self.parts[partID(x.p)]; }));
  };
  // fetchRange fetches parts list, in one pack in order, up to end.
  Engine.prototype.fetchRange = function (list, end) {
    var self = this, from = list[0].p.at;
    this.spent += end - from;
    var got = this.io.range(list[0].p.pack, from, end);
    list.forEach(function (x) {
      self.parts[partID(x.p)] = got.then(function (b) {
        var raw = b.subarray(x.p.at - from, x.p.at - from + x.p.len);
        return x.p.z ? self.io.inflate(raw) : raw;
      });
    });
  };
  // partID names a part; with its length, as an empty part starts where
  // the next one does.
  function partID(p) { return p.pack + ':' + p.at + ':' + p.len; }
  var GAP = 1024; // bytes between two parts worth fetching rather than a second request
  var SMALL = 2048; // a posting this short is fetched whole at once

  // pages resolves to a token's pages: {list: sorted pages, head: Map page →
  // places in the title or 文号}, or for a unigram {list, flag: Map page →
  // 1 when in the title or 文号, else 0}. A short posting's blocks, or all
  // when whole, come in the same request.
  Engine.prototype.pages = function (e, whole) {
    if (e.list && whole && !e.whole) {
      var self = this;
      return e.list.then(function (p) {
        return self.fetchParts(e.blocks.map(function (bl) { return { p: bl }; })).then(function (got) {
          got.forEach(function (b, j) { e.blocks[j].places = e.blocks[j].places || decodeBlock(b, e.blocks[j].n); });
          e.whole = true;
          return p;
        });
      });
    }
    if (!e.list) {
      var self = this, want = [{ p: e.pages }];
      if (!e.unigram) want.push({ p: e.head });
      e.whole = whole || e.len <= SMALL;
      if (!e.unigram && e.whole) e.blocks.forEach(function (bl) { want.push({ p: bl }); });
      e.list = this.fetchParts(want).then(function (got) {
        var r = new Reader(got[0]), list = [], flag = new Map(), head = new Map(), doc = 0;
        while (r.i < got[0].length) {
          doc = list.length ? doc + r.uv() : r.uv();
          list.push(doc);
          if (e.unigram) flag.set(doc, r.uv());
        }
        if (!e.unigram) {
          r = new Reader(got[1]);
          var hd = 0, first = true;
          while (r.i < got[1].length) {
            hd = first ? r.uv() : hd + r.uv();
            first = false;
            head.set(hd, places(r, 0));
          }
          got.slice(2).forEach(function (b, j) { e.blocks[j].places = decodeBlock(b, e.blocks[j].n); });
        }
        return { list: list, head: head, flag: flag };
      });
    }
    return e.list;
  };

  function places(r, base) {
    var n = r.uv(), at = new Array(n), p = base;
    for (var j = 0; j < n; j++) { p += r.uv(); at[j] = p; }
    return at;
  }
  function decodeBlock(b, n) {
    var r = new Reader(b), out = new Array(n);
    for (var i = 0; i < n; i++) out[i] = places(r, HEAD);
    return out;
  }
  var HEAD = 256; // the manifest's head: where a page's body starts

  // bodies resolves when the blocks holding pages docs of token e (which
  // all hold it) are decoded; bodyOf(e, list, doc) then gives doc's places
  // in the body.
  Engine.prototype.bodies = function (e, list, docs) {
    var want = [];
    docs.forEach(function (doc) {
      var bl = e.blocks[blockOf(e, list, doc)];
      if (!bl.places && want.indexOf(bl) < 0) want.push(bl);
    });
    if (!want.length) return Promise.resolve();
    return this.fetchParts(want.map(function (bl) { return { p: bl }; })).then(function (got) {
      got.forEach(function (b, j) { want[j].places = decodeBlock(b, want[j].n); });
    });
  };
  function blockOf(e, list, doc) {
    var i = lower(list, doc), lo = 0, hi = e.blocks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (e.blocks[mid].first <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function bodyOf(e, list, doc) {
    var i = lower(list, doc), bl = e.blocks[blockOf(e, list, doc)];
    return bl.places[i - bl.first];
  }

  // cover picks, in each run of bigrams of a term, the cheapest (by
  // cost(token)) that still hold every character of it: a phrase found
  // where they are is the phrase, and the commonest bigrams need not be
  // fetched.
  function cover(toks, cost) {
    var keep = [], i = 0;
    while (i < toks.length) {
      var run = [toks[i]], j = i + 1;
      while (j < toks.length && Array.from(toks[j].key).length === 2 && Array.from(toks[j - 1].key).length === 2 &&
        isHan(toks[j].key.codePointAt(0)) && toks[j].off === toks[j - 1].off + 1) run.push(toks[j++]);
      i = j;
      if (run.length < 3) { keep = keep.concat(run); continue; }
      // best[k]: cheapest cover of the run's first k+1 bigrams keeping bigram k.
      var c = run.map(cost);
      var best = [c[0]], from = [-1];
      for (var k = 1; k < run.length; k++) {
        var a = best[k - 1], b = k > 1 ? best[k - 2] : Infinity;
        best.push(c[k] + Math.min(a, b));
        from.push(b < a ? k - 2 : k - 1);
      }
      var picked = [];
      for (k = run.length - 1; k >= 0; k = from[k]) picked.unshift(run[k]);
      keep = keep.concat(picked);
    }
    return keep;
  }

  // search resolves to the pages matching every term of q, best first:
  // {ids, hits, terms, m, total, complete, stopped}. want is how many
  // results are needed (all when not given): the places in the body are
  // fetched only for as many pages as it takes to be sure of the first
  // want, so with a smaller want, ids may be the first of more (complete
  // false; total is then an estimate). stopped: the query's budget of
  // places (Engine.budget) was spent before that, and older pages may
  // hold it too; ids are still the best, in order, of those found, and
  // a search with a larger budget finds them first too. filter: {column,
  // year, topic}, each '' for any.
  //
  // A term of several tokens is a phrase. Its cheapest tokens (the rare
  // bigrams, often those across two words) are fetched whole, places and
  // all, and tell where the phrase can be; the others only as lists of
  // pages, and their places only in the pages the cheap ones leave.
  Engine.prototype.search = function (q, filter, want) {
    var self = this, terms = queryTerms(q);
    filter = filter || {};
    want = want || Infinity;
    var keys = [];
    terms.forEach(function (t) {
      t.toks.forEach(function (x) { keys.push(x.key); });
      keys = keys.concat(t.unis);
    });
    // The dictionaries are asked for with the manifest when the page
    // gave the hint; the postings only once it has come.
    var entries = {};
    return Promise.all([this.manifest(), Promise.all(keys.map(function (k) {
      return self.entry(k).then(function (e) { entries[k] = e; });
    }))]).then(function (got) {
      var m = got[0];
      var none = { ids: [], hits: [], terms: terms, m: m, total: 0, complete: true };
      if (!terms.length || keys.some(function (k) { return !entries[k]; })) return none;
      var phrase = terms.length > 1 || terms[0].toks.length > 1;
      terms.forEach(function (t) { plan(t, entries, phrase); });
      var all = [];
      terms.forEach(function (t) { all = all.concat(t.full, t.check, t.uni); });
      return Promise.all(all.map(function (x) {
        return self.pages(x.e, x.whole).then(function (p) { x.p = p; });
      })).then(function () {
        return self.facets(filter).then(function (facet) {
          return self.match(m, terms, candidates(m, all, filter, facet), want, phrase);
        });
      });
    });
  };
  var FULL = 8192; // a token this short or shorter is fetched whole in a phrase…
  var FULLS = 16384; // …as long as those of its term stay within this

  // plan chooses what of a term's tokens to fetch: t.full, fetched whole;
  // t.check, a cover of the rest (cover), whose places are fetched only
  // where needed; t.uni, its unigrams.
  function plan(t, entries, phrase) {
    var tok = function (x) { return { key: x.key, off: x.off, e: entries[x.key] }; };
    t.full = [];
    if (phrase) {
      var sum = 0;
      t.toks.slice().sort(function (a, b) { return entries[a.key].len - entries[b.key].len; }).forEach(function (x) {
        var n = entries[x.key].len;
        if (n <= FULL && sum + n <= FULLS && !t.full.some(function (f) { return f.key === x.key && f.off === x.off; })) {
          sum += n;
          var f = tok(x);
          f.whole = true;
          t.full.push(f);
        }
      });
    }
    var cost = function (x) {
      if (t.full.some(function (f) { return f.off === x.off; })) return 0;
      var e = entries[x.key];
      return e.pages.len + e.head.len;
    };
    t.check = cover(t.toks, cost).filter(function (x) {
      return !t.full.some(function (f) { return f.off === x.off; });
    }).map(tok);
    t.uni = t.unis.map(function (u) { return { e: entries[u] }; });
  }

  // candidates are the pages holding every token of the query that pass
  // the filters, newest first: pages are numbered oldest first (a new
  // page takes the next number, and the index's other files stay).
  function candidates(m, all, filter, facet) {
    var col = filter.column ? m.columns.indexOf(filter.column) : -1;
    var top = filter.topic ? m.topics.indexOf(filter.topic) : -1;
    if (filter.column && col < 0 || filter.topic && top < 0) return [];
    var yr = filter.year ? m.years.filter(function (y) { return String(y[0]) === String(filter.year); }) : null;
    var lists = all.map(function (x) { return x.p.list; }).sort(function (a, b) { return a.length - b.length; });
    return lists[0].filter(function (doc) {
      if (yr && !yr.some(function (y) { return doc >= y[1] && doc <= y[2]; })) return false;
      if (col >= 0 && facet[2 * doc] !== col || top >= 0 && facet[2 * doc + 1] !== top) return false;
      for (var j = 1; j < lists.length; j++) if (!has(lists[j], doc)) return false;
      return true;
    }).reverse();
  }

  // match finds which candidates hold each term, and ranks them. A term of
  // one token needs no places. In a phrase, the tokens fetched whole give
  // where it may start; the title's places (head lists) settle those in
  // the title, and the body's places of the other tokens, fetched block by
  // block, the rest: for one term, of the candidates in order until want
  // are found; for several, of all, as the best hit is where the terms
  // follow one another.
  Engine.prototype.match = function (m, terms, cands, want, phrase) {
    var self = this, hits = [], rest = [];
    cands.forEach(function (doc) {
      var per = terms.map(function (t) { return early(t, doc, phrase); });
      if (per.some(function (f) { return !f; })) return;
      var wait = per.some(function (f) { return f.pending !== undefined; });
      if (!wait || terms.length === 1 && per[0].head) hits.push(hit(terms, per, doc));
      else rest.push({ doc: doc, per: per });
    });
    // The first result's line is asked for now, with the places still to
    // come, where it is known or nearly: a page with the term in its
    // title ranks above those that hold it only in the body, and when a
    // few pages are left to check, it is one of them. A wrong guess costs
    // a file of lines, not a round of requests.
    if (rest.length) {
      var guess = hits.length ? [hits.reduce(function (a, b) { return rank(a, b) <= 0 ? a : b; }).doc] : rest.length <= 4 ? rest.map(function (c) { return c.doc; }) : [];
      guess.forEach(function (doc) { self.doc(doc).catch(function () {}); });
    }
    var checked = 0, later = 0, rounds = 0, spent = self.spent, stopped = false;
    // verify settles the next batch of the pages still in doubt. The
    // batches double: a phrase whose candidates mostly fail is settled
    // in a few rounds of requests, not in one per block of places.
    function verify() {
      var n = terms.length > 1 ? rest.length - checked : Math.max(2 * (want - hits.length), 16 << rounds++);
      var batch = rest.slice(checked, checked + n);
      if (!batch.length || terms.length === 1 && hits.length >= want) return Promise.resolve();
      // A page in the title is a hit without its places: the pages still
      // to check rank by age alone, so stopping leaves out only older ones.
      if (checked > 0 && self.spent - spent >= self.budget) {
        stopped = true;
        return Promise.resolve();
      }
      return self.settle(terms, batch).then(function () {
        batch.forEach(function (c) {
          var ok = terms.every(function (t, i) {
            var f = c.per[i];
            if (f.pending) f.starts = f.starts.concat(f.pending);
            f.pending = undefined;
            return f.starts.length > 0 || !t.toks.length;
          });
          if (ok) {
            hits.push(hit(terms, c.per, c.doc));
            later++;
          }
        });
        checked += batch.length;
        return verify();
      });
    }
    return verify().then(function () {
      hits.sort(rank);
      var complete = checked >= rest.length, total = hits.length;
      if (!complete) total += checked ? Math.round((rest.length - checked) * later / checked) : rest.length;
      return { ids: hits.map(function (h) { return h.doc; }), hits: hits, terms: terms, m: m, total: total, complete: complete, stopped: stopped };
    });
  };
  // rank orders hits best first: the exact phrase, all terms in the title
  // or 文号, any there, then the newest.
  function rank(a, b) {
    return b.exact - a.exact || b.allHead - a.allHead || b.inHead - a.inHead || b.doc - a.doc;
  }

  // settle checks the pending places of the candidates in batch against
  // the body places of their terms' t.check, the cheapest token first:
  // the others' places are fetched, all at once, for only the pages it
  // left (a phrase with one rare bigram among common ones thus reads the
  // common ones' places in a page or two, not in all that hold the rare
  // one), and checked one token after another.
  Engine.prototype.settle = function (terms, batch) {
    var self = this, steps = [];
    terms.forEach(function (t, i) {
      t.check.slice().sort(function (a, b) { return a.e.len - b.e.len; }).forEach(function (x) { steps.push({ i: i, x: x }); });
    });
    function alive(c) {
      return c.per.every(function (f) { return f.pending !== undefined && f.pending !== null ? f.pending.length || f.starts.length : true; });
    }
    // apply narrows the pending places of the batch by step st's places.
    function apply(st, todo) {
      todo.forEach(function (c) {
        var f = c.per[st.i], at = bodyOf(st.x.e, st.x.p.list, c.doc);
        f.pending = f.pending === null ? at.map(function (p) { return p - st.x.off; }) :
          f.pending.filter(function (p) { return has(at, p + st.x.off); });
      });
    }
    function todo(st) { return batch.filter(function (c) { return c.per[st.i].pending !== undefined && alive(c); }); }
    if (!steps.length) return Promise.resolve();
    var first = todo(steps[0]);
    return self.bodies(steps[0].x.e, steps[0].x.p.list, first.map(function (c) { return c.doc; })).then(function () {
      apply(steps[0], first);
      var rest = steps.slice(1), lists = rest.map(todo);
      return Promise.all(rest.map(function (st, j) {
        return self.bodies(st.x.e, st.x.p.list, lists[j].map(function (c) { return c.doc; }));
      })).then(function () {
        rest.forEach(function (st) { apply(st, todo(st)); });
      });
    });
  };

  // early is what the places already fetched say of term t in page doc,
  // a candidate: null when it is not there; else {starts, head, pending},
  // pending being the places in the body still to check against the
  // blocks of t.check (null: all of them, none being known; undefined:
  // nothing left to check). In a phrase places count; else holding the
  // tokens is enough.
  function early(t, doc, phrase) {
    if (!t.toks.length) return { starts: [], head: t.uni.every(function (u) { return u.p.flag.get(doc) === 1; }) };
    var headOf = function (x) { return x.p.head.get(doc); };
    if (!t.full.length) {
      var hs = starts(t.check, headOf);
      return { starts: hs, head: hs.length > 0, pending: phrase ? null : undefined };
    }
    var may = starts(t.full, function (x) { return (x.p.head.get(doc) || []).concat(bodyOf(x.e, x.p.list, doc)); });
    var inHead = may.filter(function (st) {
      return st < HEAD && t.check.every(function (x) { return has(headOf(x), st + x.off); });
    });
    var body = may.filter(function (st) { return st >= HEAD; });
    if (!t.check.length) body = undefined;
    if (!inHead.length && !(body && body.length) && !(t.check.length === 0 && may.length)) return null;
    if (!t.check.length) return { starts: may, head: inHead.length > 0 };
    if (!body.length) body = undefined;
    return { starts: inHead, head: inHead.length > 0, pending: body };
  }

  // starts are the places where a phrase starts, given its tokens toks
  // (each at offset off in it) and their places (sorted) by at(token).
  function starts(toks, at) {
    var first = at(toks[0]);
    if (!first) return [];
    var base = toks[0].off;
    return first.map(function (p) { return p - base; }).filter(function (s) {
      for (var j = 1; j < toks.length; j++) if (!has(at(toks[j]), s + toks[j].off)) return false;
      return true;
    });
  }

  function hit(terms, per, doc) {
    var inHead = per.filter(function (f) { return f.head; }).length;
    return { doc: doc, per: per, exact: exact(terms, per) ? 1 : 0, allHead: inHead === per.length ? 1 : 0, inHead: inHead };
  }

  // facets resolves to each page's column and topic numbers, when a
  // filter needs them.
  Engine.prototype.facets = function (filter) {
    if (!filter.column && !filter.topic) return Promise.resolve(null);
    return this.file('f.bin');
  };

  function lower(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  function has(list, x) {
    if (!list) return false;
    var i = lower(list, x);
    return i < list.length && list[i] === x;
  }

  // exact: the terms follow one another as typed (at most one character
  // between, where the query had a space).
  function exact(terms, per) {
    if (terms.length === 1) return true;
    var from = per[0].starts;
    for (var i = 1; i < terms.length; i++) {
      var len = terms[i - 1].len, next = per[i].starts;
      from = next.filter(function (s) { return from.some(function (p) { return s - p === len || s - p === len + 1; }); });
      if (!from.length) return false;
    }
    return true;
  }

  // docs resolves to the lines of pages ids: [url, title, date, column, 文号, topic].
  Engine.prototype.docs = function (ids) {
    return Promise.all(ids.map(this.doc, this));
  };

  // doc resolves to the line of page id, fetching the file that holds it
  // (once for all the pages it holds).
  Engine.prototype.doc = function (id) {
    var self = this;
    return this.manifest().then(function (m) {
      var k = Math.floor(id / m.chunk);
      return self.file('d/' + k + '.bin').then(function (b) {
        var rows = b.rows || (b.rows = JSON.parse(new TextDecoder().decode(b)));
        var r = rows[id - k * m.chunk];
        return { url: r[0], title: r[1], date: r[2], column: m.columns[r[3]], docNo: r[4], topic: m.topics[r[5]] };
      });
    });
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = { normalize: normalize, cut: cut, tokens: tokens, queryTerms: queryTerms, hash: hash, Engine: Engine };
    return;
  }

  // The page.

  var PAGE = 20; // results shown at a time

  function gunzip(buf) {
    var u = new Uint8Array(buf);
    if (u[0] !== 0x1f || u[1] !== 0x8b) return Promise.resolve(u); // the server unpacked it
    var s = new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(s).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function start() {
    var form = document.querySelector('form[data-index]');
    var out = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    if (!form || !out) return;
    var base = form.getAttribute('data-index');
    try {
      new DecompressionStream('deflate-raw');
      new TextDecoder();
    } catch (e) {
      status.textContent = '您的浏览器版本较旧，无法使用站内搜索，请从栏目导航查找信息。';
      return;
    }
    var whole = {}; // packs a server sent whole, as it ignored Range
    // Each query gets an engine of its own, which asks the server whether
    // index.json is still the one it has (the site may have been
    // published anew while the page was open); after an error, the query
    // is tried once more with index.json read again from the server
    // itself, as a cache on the way may have kept an old one.
    var fresh = 'no-cache';
    function newEngine(hint) {
      return new Engine({
        file: function (path) {
          return get(path, path === 'index.json' ? { cache: fresh } : {}).then(function (r) { return r.arrayBuffer(); }).then(gunzip);
        },
        range: function (path, from, to) {
          var cut = function (b) { return b.subarray(from, to); };
          if (whole[path]) return whole[path].then(cut);
          return get(path, { headers: { Range: 'bytes=' + from + '-' + (to - 1) } }).then(function (r) {
            if (r.status === 206) return r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
            whole[path] = r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
            return whole[path].then(cut);
          });
        },
        inflate: function (b) {
          var s = new Blob([b]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
          return new Response(s).arrayBuffer().then(function (x) { return new Uint8Array(x); });
        },
      }, hint);
    }
    var engine;
    function get(path, opt) {
      return fetch(base + path, opt).then(function (r) {
        if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
        return r;
      });
    }
    var fields = ['q', 'column', 'year', 'topic'];
    var run = 0;

    function read() {
      var p = new URLSearchParams(location.search), v = {};
      fields.forEach(function (f) {
        v[f] = p.get(f) || '';
        if (form.elements[f]) form.elements[f].value = v[f];
      });
      return v;
    }

    // The page's title names the query, as a results page's does: it is
    // what a screen reader reads first, and what the browser's history
    // and tabs show.
    var title = document.title;
    function go(v, again, asked) {
      var mine = ++run;
      out.textContent = '';
      document.title = v.q.trim() ? '「' + v.q.trim() + '」的搜索结果 - ' + title : title;
      if (!v.q.trim()) {
        status.textContent = asked ? '请输入要查找的词语，再按“搜索”。' : '';
        if (asked) form.elements.q.focus();
        return;
      }
      status.textContent = '正在搜索……';
      var ol = document.createElement('ol');
      fresh = again ? 'reload' : 'no-cache';
      whole = {};
      // The page's hint saves a round of requests; after an error (the
      // page may be older than the index) the query goes without it.
      engine = newEngine(again ? null : { version: form.getAttribute('data-version'), dicts: Number(form.getAttribute('data-dicts')) });
      // A form with data-budget sets a smaller budget than a portal's:
      // the browser test does, so that its small site reaches it.
      if (form.getAttribute('data-budget')) engine.budget = Number(form.getAttribute('data-budget'));
      more(v, ol, 0, mine).catch(function (e) {
        if (mine !== run) return;
        if (!again) return go(v, true);
        status.textContent = '搜索出错，请稍后重试。（' + e.message + '）';
      });
    }

    // more shows results from to from+PAGE-1 (the search goes on only as
    // far as those need, in show). The results are aria-busy until they
    // are all shown: a screen reader waits to read them, and a test to
    // count them.
    function more(v, ol, from, mine) {
      out.setAttribute('aria-busy', 'true');
      return show(v, ol, from, mine).finally(function () {
        if (mine === run) out.setAttribute('aria-busy', 'false');
      });
    }
    function show(v, ol, from, mine) {
      return engine.search(v.q, v, from + PAGE).then(function (res) {
        if (mine !== run) return;
        if (!res.ids.length && res.stopped) {
          status.textContent = '较新的信息中没有找到含有「' + v.q.trim() + '」的信息，较早的信息还没有查找。';
          further(v, ol, from, mine);
          return;
        }
        if (!res.ids.length) {
          status.textContent = '没有找到含有「' + v.q.trim() + '」的信息。请检查用字，或换用较短的词语、减少筛选条件。';
          return;
        }
        // Stopped at its budget, the search counted only the newer pages:
        // the status says so, not a total it does not know, and the page
        // offers the older ones (further).
        var older = res.stopped && res.ids.length < from + PAGE;
        status.textContent = older ?
          '较新的信息中找到 ' + res.ids.length + ' 条含有「' + v.q.trim() + '」的信息，较早的信息还没有查找。' :
          (res.complete ? '找到 ' : '找到约 ') + res.total + ' 条信息。';
        // Each result is shown as soon as its line and those of the
        // results above it have come. The first result's line is asked
        // for alone, the others once it has come: on a slow phone the
        // nineteen other requests at once would hold the first back.
        var ids = res.ids.slice(from, from + PAGE), first = engine.doc(ids[0]);
        var lines = [first].concat(ids.slice(1).map(function (id) {
          return first.then(function () { return engine.doc(id); });
        }));
        lines.forEach(function (l) { l.catch(function () {}); }); // a failure is told once, below
        return lines.reduce(function (shown, line) {
          return shown.then(function () { return line; }).then(function (d) {
            if (mine !== run) return;
            if (!ol.parentNode) out.appendChild(ol);
            ol.appendChild(item(d, res.terms));
          });
        }, Promise.resolve()).then(function () {
          if (mine !== run) return;
          var old = out.querySelector('.search-more');
          if (old) old.remove();
          if (older) {
            further(v, ol, from, mine);
          } else if (from + PAGE < res.total) {
            var b = document.createElement('button');
            b.type = 'button';
            b.className = 'search-more';
            b.textContent = '显示更多结果（还有' + (res.complete ? ' ' : '约 ') + (res.total - from - PAGE) + ' 条）';
            b.addEventListener('click', function () {
              b.disabled = true;
              more(v, ol, from + PAGE, mine).then(function () {
                var next = ol.children[from + PAGE];
                if (next) next.querySelector('a').focus();
              });
            });
            out.appendChild(b);
          }
        });
      });
    }

    // further offers to look in older pages too, when the query stopped
    // at its budget (Engine.budget): the search runs again with eight
    // times the budget, the parts already fetched not fetched again, and
    // the results from from on are shown again, the older ones after; the
    // focus goes to the first of those not shown before.
    function further(v, ol, from, mine) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'search-more';
      b.textContent = '继续在较早的信息中查找';
      b.addEventListener('click', function () {
        b.remove();
        status.textContent = '正在搜索……';
        engine.budget *= 8;
        var shown = ol.children.length;
        while (ol.children.length > from) ol.removeChild(ol.lastChild);
        more(v, ol, from, mine).then(function () {
          var next = ol.children[shown];
          if (next) next.querySelector('a').focus();
        });
      });
      out.appendChild(b);
    }

    function item(d, terms) {
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = d.url;
      mark(a, d.title, terms);
      h.appendChild(a);
      li.appendChild(h);
      var meta = [d.column, d.date, d.docNo, d.topic].filter(Boolean).join(' · ');
      var p = document.createElement('p');
      p.className = 'meta-line';
      mark(p, meta, terms);
      li.appendChild(p);
      passages.observe(li);
      li.dataset.url = d.url;
      li.terms = terms;
      return li;
    }

    // The passage of a result: its page is fetched when the result comes
    // into view, and the first place a term is found shown around it.
    var passages = new IntersectionObserver(function (list) {
      list.forEach(function (en) {
        if (!en.isIntersecting) return;
        var li = en.target;
        passages.unobserve(li);
        fetch(li.dataset.url).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var body = doc.querySelector('.doc .body') || doc.querySelector('main');
          if (!body) return;
          var text = body.textContent.replace(/\s+/g, ' ').trim(), norm = normText(text), at = -1;
          li.terms.some(function (t) {
            at = norm.indexOf(t.text);
            if (at < 0 && t.toks.length) at = norm.indexOf(t.toks[0].key);
            return at >= 0;
          });
          var from = Math.max(0, at - 40), s = text.slice(from, Math.max(at, 0) + 80);
          var p = document.createElement('p');
          p.className = 'passage';
          mark(p, (from > 0 ? '…' : '') + s + (from + s.length < text.length ? '…' : ''), li.terms);
          li.appendChild(p);
        }).catch(function () {});
      });
    }, { rootMargin: '200px' });

    // mark writes s into el, each place a term (or a bigram of one) is
    // found in <mark>.
    function mark(el, s, terms) {
      var norm = normText(s), words = [];
      terms.forEach(function (t) {
        words.push(t.text);
        t.toks.forEach(function (x) { words.push(x.key); });
        words = words.concat(t.unis);
      });
      words.sort(function (a, b) { return b.length - a.length; });
      var i = 0, last = 0;
      while (i < s.length) {
        var w = null;
        for (var j = 0; j < words.length; j++) if (words[j] && norm.startsWith(words[j], i)) { w = words[j]; break; }
        if (!w) { i++; continue; }
        if (i > last) el.appendChild(document.createTextNode(s.slice(last, i)));
        var m = document.createElement('mark');
        m.textContent = s.slice(i, i + w.length);
        el.appendChild(m);
        i += w.length;
        last = i;
      }
      if (last < s.length) el.appendChild(document.createTextNode(s.slice(last)));
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var p = new URLSearchParams(), v = {};
      fields.forEach(function (f) {
        v[f] = form.elements[f] ? form.elements[f].value : '';
        if (v[f]) p.set(f, v[f]);
      });
      history.pushState(null, '', '?' + p.toString());
      go(v, false, true);
    });
    window.addEventListener('popstate', function () { go(read()); });
    go(read());
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
