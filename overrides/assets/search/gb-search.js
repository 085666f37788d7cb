/* Gongbao search page: find-in-page semantics for Chinese over a static index.
 *
 * Same algorithm as build/gongbao/search.py (read its docstring): fold the
 * query and the fields (whitespace removed, full-width ASCII to half-width,
 * A-Z to a-z), intersect the postings of each term's grams (its character
 * when it has one, else its overlapping pairs), load only the record chunks
 * of the candidates, keep those where every term is a substring of a field,
 * rank by field weight, then document order.  Loaded only by search/.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var DATA = new URL("data/", script.src);      // <root>/assets/search/data/
  var ROOT = new URL("../../", script.src);     // the site root, any sub-path
  var PAGE_SIZE = 20;
  var HEAD = 3, NUMBER = 2, BODY = 1;
  var WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  var WS_ALL = new RegExp("[" + WS + "]+", "g");
  var WS_ONE = new RegExp("^[" + WS + "]$");
  var FILTERS = ["jurisdiction", "year", "kind", "document", "unit", "official"];

  // ------------------------------------------------------------ folding

  function foldCode(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    if (cp >= 65 && cp <= 90) cp += 32;
    return cp;
  }

  function fold(s) {
    s = s.replace(WS_ALL, "");
    return s.replace(/[\uff01-\uff5eA-Z]/g, function (c) {
      return String.fromCharCode(foldCode(c.charCodeAt(0)));
    });
  }

  // The folded text and, for each of its UTF-16 units, the unit's index in s.
  function foldMap(s) {
    var out = [], map = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (WS_ONE.test(c)) continue;
      out.push(String.fromCharCode(foldCode(s.charCodeAt(i))));
      map.push(i);
    }
    return { text: out.join(""), map: map };
  }

  function terms(query) {
    var seen = {}, out = [];
    (query || "").split(WS_ALL).forEach(function (p) {
      var t = fold(p);
      if (t && !seen[t]) { seen[t] = true; out.push(t); }
    });
    return out;
  }

  function termGrams(term) {
    var cps = Array.from(term);
    if (cps.length === 1) return [term];
    var seen = {}, out = [];
    for (var i = 0; i + 1 < cps.length; i++) {
      var g = cps[i] + cps[i + 1];
      if (!seen[g]) { seen[g] = true; out.push(g); }
    }
    return out;
  }

  function bucketOf(gram, buckets) {
    var h = 0x811c9dc5;
    for (var ch of gram) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h % buckets;
  }

  function fields(rec, doc) {
    var out = [[HEAD, rec.k === "t" ? rec.x : doc.title]];
    rec.U.forEach(function (u) { out.push([HEAD, u]); });
    rec.L.forEach(function (p) { out.push([HEAD, p]); });
    out.push([NUMBER, doc.doc_number]);
    if (rec.k === "d") out.push([BODY, rec.x]);
    return out.filter(function (f) { return f[1]; });
  }

  // ------------------------------------------------------------ loading

  var cache = {};
  function load(path, version) {
    if (!cache[path]) {
      var url = new URL(path, DATA);
      if (version) url.search = "v=" + version;
      cache[path] = fetch(url, version ? {} : { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  function decode(deltas) {
    var out = new Array(deltas.length), acc = 0;
    for (var i = 0; i < deltas.length; i++) { acc += deltas[i]; out[i] = acc; }
    return out;
  }

  function intersect(a, b) {           // both sorted ascending
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  function chunkOf(starts, ordinal) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= ordinal) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // ------------------------------------------------------------ searching

  // Resolves to {words, hits: [{ordinal, rec, doc, score}]}, best first.
  async function search(meta, query, filters) {
    var words = terms(query);
    var active = FILTERS.some(function (k) { return filters[k]; });
    if (!words.length && !active) return { words: words, hits: [] };

    var candidates = [];
    meta.docs.forEach(function (d) {
      if (filters.jurisdiction && d.jurisdiction !== filters.jurisdiction) return;
      if (filters.year && String(d.year) !== String(filters.year)) return;
      if (filters.document && d.id !== filters.document) return;
      for (var o = d.start; o < d.end; o++) candidates.push(o);
    });
    candidates.sort(function (a, b) { return a - b; });

    var grams = [];
    words.forEach(function (w) { grams = grams.concat(termGrams(w)); });
    var buckets = {};
    grams.forEach(function (g) { buckets[bucketOf(g, meta.buckets)] = true; });
    var loaded = await Promise.all(Object.keys(buckets).map(function (k) {
      return load("g/" + k + ".json", meta.v);
    }));
    var postings = {};
    loaded.forEach(function (b) { Object.assign(postings, b); });
    grams.forEach(function (g) {
      candidates = intersect(candidates, postings[g] ? decode(postings[g]) : []);
    });

    var chunkIds = {};
    candidates.forEach(function (o) { chunkIds[chunkOf(meta.chunks, o)] = true; });
    var chunks = {};
    await Promise.all(Object.keys(chunkIds).map(function (k) {
      return load("r/" + k + ".json", meta.v).then(function (c) { chunks[k] = c; });
    }));

    var hits = [];
    candidates.forEach(function (o) {
      var k = chunkOf(meta.chunks, o), rec = chunks[k][o - meta.chunks[k]];
      if (filters.kind && rec.k !== (filters.kind === "document" ? "d" : "t")) return;
      if (filters.unit && rec.U.indexOf(filters.unit) < 0) return;
      if (filters.official && rec.L.indexOf(filters.official) < 0) return;
      var doc = meta.docs[rec.d];
      if (!rec.f) rec.f = fields(rec, doc).map(function (f) { return [f[0], fold(f[1])]; });
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var best = 0;
        rec.f.forEach(function (f) { if (f[0] > best && f[1].indexOf(words[i]) >= 0) best = f[0]; });
        if (!best) return;
        score += best;
      }
      hits.push({ ordinal: o, rec: rec, doc: doc, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.ordinal - b.ordinal; });
    return { words: words, hits: hits };
  }

  // ------------------------------------------------------------ rendering

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // s with every occurrence of the words marked; cut to a window around the
  // first one when s is longer than `width` characters.
  function highlight(s, words, width) {
    var fm = foldMap(s), spans = [];
    words.forEach(function (w) {
      for (var at = fm.text.indexOf(w); at >= 0; at = fm.text.indexOf(w, at + 1)) {
        spans.push([fm.map[at], fm.map[at + w.length - 1] + 1]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var from = 0, to = s.length;
    if (width && s.length > width) {
      from = spans.length ? Math.max(0, spans[0][0] - Math.floor(width / 4)) : 0;
      to = Math.min(s.length, from + width);
    }
    var html = from > 0 ? "…" : "", pos = from;
    spans.forEach(function (sp) {
      var a = Math.max(sp[0], pos), b = Math.min(sp[1], to);
      if (a >= b) return;
      html += escapeHtml(s.slice(pos, a)) + "<mark>" + escapeHtml(s.slice(a, b)) + "</mark>";
      pos = b;
    });
    html += escapeHtml(s.slice(pos, to)) + (to < s.length ? "…" : "");
    return html;
  }

  function matching(list, words) {
    return list.filter(function (x) {
      var f = fold(x);
      return words.some(function (w) { return f.indexOf(w) >= 0; });
    });
  }

  function renderHit(hit, words) {
    var rec = hit.rec, doc = hit.doc, li = document.createElement("li");
    li.className = "gb-hit gb-hit--" + (rec.k === "t" ? "task" : "document");
    li.dataset.id = rec.i;
    var href = new URL(rec.u, ROOT).href;
    var meta = [doc.jurisdiction, doc.doc_number].filter(Boolean);
    var head, body;
    if (rec.k === "t") {
      head = "任务 " + escapeHtml(rec.n || "") + " · " + highlight(doc.doc_number || "", words);
      body = highlight(rec.x, words, 160);
      meta = [doc.jurisdiction, doc.year ? doc.year + "年" : ""].filter(Boolean);
    } else {
      head = "文件 · " + highlight(doc.title || doc.doc_number, words);
      var inBody = fold(rec.x).length && words.some(function (w) { return fold(rec.x).indexOf(w) >= 0; });
      body = inBody ? highlight(rec.x, words, 160) : "";
      if (doc.date) meta.push(doc.date);
    }
    var extra = "";
    var units = rec.k === "t" ? rec.U : matching(rec.U, words);
    if (units.length) extra += "<span>单位：" + units.map(function (u) { return highlight(u, words); }).join("、") + "</span>";
    if (rec.L.length) extra += "<span>领导：" + rec.L.map(function (p) { return highlight(p, words); }).join("、") + "</span>";
    li.innerHTML = '<a class="gb-hit__title" href="' + escapeHtml(href) + '">' + head + "</a>" +
      '<div class="gb-hit__meta">' + escapeHtml(meta.join(" · ")) + "</div>" +
      (body ? '<div class="gb-hit__text">' + body + "</div>" : "") +
      (extra ? '<div class="gb-hit__units">' + extra + "</div>" : "");
    return li;
  }

  function pageUrl(params, page) {
    var p = new URLSearchParams(params);
    if (page > 1) p.set("page", page); else p.delete("page");
    return "?" + p.toString();
  }

  function render(state, params) {
    var hits = state.hits, total = hits.length;
    var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    var page = Math.min(Math.max(1, parseInt(params.get("page"), 10) || 1), pages);
    var status = document.getElementById("gb-status");
    var list = document.getElementById("gb-results");
    var pager = document.getElementById("gb-pager");
    list.innerHTML = "";
    pager.innerHTML = "";
    if (!state.words.length && !FILTERS.some(function (k) { return params.get(k); })) {
      status.textContent = "请输入要查找的词语，多个词用空格分开。";
      return;
    }
    status.innerHTML = "共 <strong>" + total + "</strong> 条结果" +
      (pages > 1 ? "，第 " + page + " / " + pages + " 页" : "");
    list.start = (page - 1) * PAGE_SIZE + 1;
    hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(function (h) {
      list.appendChild(renderHit(h, state.words));
    });
    if (pages > 1) {
      var html = page > 1 ? '<a class="gb-prev" rel="prev" href="' + escapeHtml(pageUrl(params, page - 1)) + '">上一页</a>' : "";
      html += '<span class="gb-page">第 ' + page + " / " + pages + " 页</span>";
      if (page < pages) html += '<a class="gb-next" rel="next" href="' + escapeHtml(pageUrl(params, page + 1)) + '">下一页</a>';
      pager.innerHTML = html;
    }
  }

  // ------------------------------------------------------------ page wiring

  function fillFilters(meta, form, params) {
    function options(select, values, label) {
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = typeof v === "object" ? v.id : String(v);
        o.textContent = label ? label(v) : String(v);
        select.appendChild(o);
      });
    }
    options(form.elements.jurisdiction, meta.jurisdictions);
    options(form.elements.year, meta.years);
    options(form.elements.document, meta.docs, function (d) {
      var t = d.title || "";
      return (d.doc_number ? d.doc_number + " " : "") + (t.length > 30 ? t.slice(0, 30) + "…" : t);
    });
    ["units", "officials"].forEach(function (key) {
      var dl = document.getElementById("gb-" + key);
      meta[key].forEach(function (v) { var o = document.createElement("option"); o.value = v; dl.appendChild(o); });
    });
    form.elements.q.value = params.get("q") || "";
    FILTERS.forEach(function (k) { form.elements[k].value = params.get(k) || ""; });
    var header = document.querySelector(".gb-header-search input[name=q]");
    if (header) header.value = params.get("q") || "";
  }

  var metaPromise = null;
  async function run() {
    var t0 = performance.now();
    var params = new URLSearchParams(location.search);
    var status = document.getElementById("gb-status");
    var root = document.getElementById("gb-search");
    root.dataset.state = "busy";
    try {
      var first = !metaPromise;
      metaPromise = metaPromise || load("meta.json");
      var meta = await metaPromise;
      if (first) fillFilters(meta, document.getElementById("gb-search-form"), params);
      var filters = {};
      FILTERS.forEach(function (k) { filters[k] = params.get(k) || ""; });
      var state = await search(meta, params.get("q") || "", filters);
      render(state, params);
      window.gbSearch = {
        query: params.get("q") || "", ids: state.hits.map(function (h) { return h.rec.i; }),
        ms: performance.now() - t0, sinceNavigation: performance.now(),
      };
      root.dataset.state = "done";
    } catch (err) {
      status.textContent = "搜索出错：" + err.message;
      root.dataset.state = "error";
    }
  }

  function submit(event) {
    event.preventDefault();
    var form = event.target, p = new URLSearchParams();
    var q = form.elements.q.value.trim();
    if (q) p.set("q", q);
    FILTERS.forEach(function (k) { var v = form.elements[k].value; if (v) p.set(k, v); });
    history.pushState(null, "", "?" + p.toString());
    run();
  }

  document.getElementById("gb-search-form").addEventListener("submit", submit);
  document.getElementById("gb-search-form").addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") event.target.form.requestSubmit();
  });
  document.getElementById("gb-pager").addEventListener("click", function (event) {
    var a = event.target.closest("a");
    if (!a) return;
    event.preventDefault();
    history.pushState(null, "", a.getAttribute("href"));
    run();
    document.getElementById("gb-search").scrollIntoView();
  });
  window.addEventListener("popstate", run);
  run();
})();
