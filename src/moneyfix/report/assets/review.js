// The review list of a moneyfix report: filter the embedded entries, render a page at a time.
(function () {
  "use strict";
  var PAGE = 50;
  var groups = JSON.parse(document.getElementById("review-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var filters = { rule: $("f-rule"), severity: $("f-severity"), status: $("f-status"), file: $("f-file") };
  var matches = [];
  var page = 0;
  var FIX_LABELS = {
    safe: "safe fix", unsafe: "unsafe fix", display: "display only: not rewritten", none: "no fix"
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function keep(item, rule, severity, status) {
    return (!rule || item.code === rule) && (!severity || item.severity === severity) &&
      (!status || item.status === status);
  }

  function applyFilters() {
    var rule = filters.rule.value, severity = filters.severity.value;
    var status = filters.status.value, file = filters.file.value.trim().toLowerCase();
    var findings = 0, failed = 0;
    matches = [];
    groups.forEach(function (group) {
      if (file && group.path.toLowerCase().indexOf(file) < 0 &&
          !group.docs.some(function (d) { return (d.path || "").toLowerCase().indexOf(file) >= 0; })) {
        return;
      }
      var showError = !!group.error && !rule && !severity && (!status || status === "failed");
      var docs = [];
      if (status !== "failed") {
        group.docs.forEach(function (doc) {
          var items = doc.items.filter(function (it) { return keep(it, rule, severity, status); });
          if (items.length) { docs.push({ doc: doc, items: items }); findings += items.length; }
        });
      }
      if (showError || docs.length) {
        matches.push({ group: group, docs: docs, error: showError });
        failed += showError ? 1 : 0;
      }
    });
    $("shown").textContent = findings + " finding" + (findings === 1 ? "" : "s") + " in " +
      (matches.length - failed) + " file" + (matches.length - failed === 1 ? "" : "s") +
      (failed ? ", " + failed + " failed file" + (failed === 1 ? "" : "s") : "") + " shown";
  }

  function split(before, after) {
    var head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) { head++; }
    var tail = 0;
    while (tail < Math.min(before.length, after.length) - head &&
           before[before.length - 1 - tail] === after[after.length - 1 - tail]) { tail++; }
    if (head + tail < before.length && head + tail < after.length) {
      // a replaced word is marked whole ("billion" -> "million", not "b" -> "m")
      while (head > 0 && /\w/.test(before[head - 1])) { head--; }
      while (tail > 0 && /\w/.test(before[before.length - tail])) { tail--; }
    }
    return [before.slice(0, head), before.slice(head, before.length - tail),
            after.slice(head, after.length - tail), before.slice(before.length - tail)];
  }

  function passage(kind, label, item, parts, middle) {
    var p = el("p", "passage " + kind);
    p.appendChild(el("span", "label", label));
    p.appendChild(document.createTextNode((item.context_before ? "\u2026" + item.context_before : "") + parts[0]));
    var mark = el(kind === "before" ? "del" : (kind === "after" ? "ins" : "mark"), null, middle);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(parts[3] + (item.context_after ? item.context_after + "\u2026" : "")));
    return p;
  }

  function grouped(rate) {
    var parts = String(rate).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function renderItem(item) {
    var box = el("div", "item sev-" + item.severity + " st-" + item.status);
    box.id = "i" + item.n;
    box.dataset.code = item.code;
    var head = el("p", "head");
    var code = el("span", "code " + item.code, item.code);
    head.appendChild(code);
    head.appendChild(el("span", "sev", item.severity));
    var fix = FIX_LABELS[item.fix || "none"];
    var badge = item.status === "fixed" ? "fixed (" + fix + ")" : "not fixed (" + fix + ")";
    head.appendChild(el("span", "badge " + item.status + (item.fix === "unsafe" ? " unsafe" : ""), badge));
    head.appendChild(el("span", "where", "line " + item.line));
    box.appendChild(head);
    box.appendChild(el("p", "msg", item.message));
    var parts = split(item.before, item.after);
    if (item.before !== item.after) {
      box.appendChild(passage("before", "before", item, parts, parts[1]));
      box.appendChild(passage("after", item.status === "fixed" ? "after" : "suggested", item, parts, parts[2]));
    } else {
      box.appendChild(passage("found", "text", item, ["", "", "", ""], item.before));
    }
    if (item.readings) { box.appendChild(el("p", "readings", "readings: " + item.readings)); }
    var rates = [];
    if (item.implied_rate) { rates.push("implied " + grouped(item.implied_rate)); }
    if (item.expected_rate) { rates.push("official " + grouped(item.expected_rate)); }
    if (item.document_rate) { rates.push("document's usual " + grouped(item.document_rate)); }
    if (item.rate_date) { rates.push("rate of " + item.rate_date); }
    if (item.rate_source) { rates.push("source " + item.rate_source); }
    if (rates.length) { box.appendChild(el("p", "rates", rates.join(" \u00b7 "))); }
    return box;
  }

  function renderGroup(match, number) {
    var group = match.group;
    var art = el("article", "file status-" + group.status);
    art.id = "g" + number;
    var h = el("h3");
    h.appendChild(el("span", "path", group.path));
    h.appendChild(el("span", "status", group.status));
    art.appendChild(h);
    if (match.error) { art.appendChild(el("p", "error", group.error)); }
    match.docs.forEach(function (entry) {
      var doc = entry.doc;
      var sub = [];
      if (doc.path && doc.path !== group.path) { sub.push(doc.path); }
      if (doc.id) { sub.push("id " + doc.id); }
      sub.push(doc.date ? "dated " + doc.date : "undated");
      art.appendChild(el("p", "doc", sub.join(" \u00b7 ")));
      entry.items.forEach(function (item) { art.appendChild(renderItem(item)); });
    });
    return art;
  }

  function pager(nav, pages) {
    nav.textContent = "";
    if (pages <= 1) { return; }
    var go = function (target) { return function () { page = target; render(); }; };
    [["\u00ab first", 0], ["\u2039 previous", page - 1]].forEach(function (b) {
      var button = el("button", null, b[0]);
      button.type = "button";
      button.disabled = page === 0;
      button.onclick = go(b[1]);
      nav.appendChild(button);
    });
    nav.appendChild(el("span", "page", "page " + (page + 1) + " of " + pages));
    [["next \u203a", page + 1], ["last \u00bb", pages - 1]].forEach(function (b) {
      var button = el("button", b[0].indexOf("next") === 0 ? "next" : null, b[0]);
      button.type = "button";
      button.disabled = page >= pages - 1;
      button.onclick = go(b[1]);
      nav.appendChild(button);
    });
  }

  function render() {
    var pages = Math.max(1, Math.ceil(matches.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    var list = $("list");
    list.textContent = "";
    var fragment = document.createDocumentFragment();
    matches.slice(page * PAGE, (page + 1) * PAGE).forEach(function (m, k) {
      fragment.appendChild(renderGroup(m, page * PAGE + k));
    });
    list.appendChild(fragment);
    pager($("pager-top"), pages);
    pager($("pager-bottom"), pages);
    document.body.dataset.page = String(page + 1);
    document.body.dataset.pages = String(pages);
  }

  function reveal() {
    var found = /^#i(\d+)$/.exec(window.location.hash);
    if (!found) { return; }
    var n = Number(found[1]);
    Object.keys(filters).forEach(function (k) { filters[k].value = ""; });
    applyFilters();
    for (var k = 0; k < matches.length; k++) {
      var hit = matches[k].docs.some(function (d) { return d.items.some(function (it) { return it.n === n; }); });
      if (hit) { page = Math.floor(k / PAGE); break; }
    }
    render();
    var target = $("i" + n);
    if (target) {
      target.classList.add("target");
      target.scrollIntoView({ block: "center" });
    }
  }

  Object.keys(filters).forEach(function (k) {
    filters[k].addEventListener(k === "file" ? "input" : "change", function () {
      applyFilters();
      page = 0;
      render();
    });
  });
  document.querySelectorAll("#left-by-rule tr[data-code], #fixes-by-rule tr[data-code]").forEach(function (row) {
    row.addEventListener("click", function () {
      filters.rule.value = row.dataset.code;
      filters.status.value = row.closest("#fixes-by-rule") ? "fixed" : "left";
      applyFilters();
      page = 0;
      render();
      $("review").scrollIntoView();
    });
  });
  window.addEventListener("hashchange", reveal);
  applyFilters();
  render();
  reveal();
  document.body.dataset.ready = "1";
}());
