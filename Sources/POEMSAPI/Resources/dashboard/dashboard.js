"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const VERDICTS = ["meets", "indeterminate", "does-not-meet"];
  const SEVERITIES = ["critical", "warning", "info"];
  // A Table 2 comparison is drawn only from this many assessed cases on
  // (the page states why: #minimum-rule).
  const MINIMUM_ASSESSED = 20;
  let token = null;          // the API key: in memory only
  let session = null;        // AbortController of the signed-in session
  let selected = null;       // the case shown in detail
  const WARNING_TITLES = {};  // code -> title, learnt from the listing
  let kiosk = false;         // kiosk mode: no patient reference, case id or note, no detail

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + token }, signal: session.signal, cache: "no-store" });
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (_) {}
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function renderVerdicts(stats) {
    $("total-cases").textContent = String(stats.cases);
    const body = $("verdicts").tBodies[0];
    body.replaceChildren();
    for (const set of Object.keys(stats.verdicts).sort()) {
      const row = el("tr");
      row.append(el("th", set));
      for (const verdict of VERDICTS) {
        const cell = el("td", stats.verdicts[set][verdict] || 0);
        cell.dataset.set = set;
        cell.dataset.verdict = verdict;
        row.append(cell);
      }
      body.append(row);
    }
  }

  function meter(value, text) {
    const wrapper = el("div");
    const bar = el("meter");
    bar.min = 0; bar.max = 100; bar.value = value === undefined || value === null ? 0 : value;
    bar.title = text;
    wrapper.append(bar);
    return [wrapper, el("span", text)];
  }

  // Each side with its n; bars only when the stored side has MINIMUM_ASSESSED cases.
  function renderChart(stats) {
    const chart = $("chart");
    chart.replaceChildren();
    for (const c of stats.criteria.filter((c) => c.criteriaSet === "dispenzieri-2003")) {
      const row = el("div", null, "bar-row");
      row.dataset.criterion = c.criterion;
      row.append(el("span", c.criterion, "label"));
      const inTable2 = c.table2 && c.table2.percent !== null && c.table2.percent !== undefined;
      const t2 = inTable2 ? "Table 2: " + c.table2.percent + "% (n = " + c.table2.n + ")" : "not in Table 2";
      if (c.assessed >= MINIMUM_ASSESSED) {
        row.dataset.drawn = "true";
        row.append(...meter(c.metPercentOfAssessed, "Stored: " + c.metPercentOfAssessed + "% (" + c.met + " of n = " + c.assessed + " assessed)"));
        row.append(...meter(inTable2 ? c.table2.percent : null, t2));
      } else {
        row.dataset.drawn = "false";
        const stored = c.assessed > 0 ? c.met + " of n = " + c.assessed + " assessed" : "not assessed (n = 0)";
        row.append(el("span", "Stored: " + stored + ": fewer than " + MINIMUM_ASSESSED + ", not compared. " + t2 + ".", "too-few"));
      }
      chart.append(row);
    }
  }

  function bySeverity(warnings) {
    return [...(warnings || [])].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  }

  function capitalised(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // "Critical: M-protein possibly missed": the severity and the warning in words.
  function warningWords(severity, words) {
    const item = el("span", null, "warning-words level-" + severity);
    item.dataset.severity = severity;
    item.append(el("span", capitalised(severity) + ":", "severity"), document.createTextNode(" "), el("span", words));
    return item;
  }

  function titleOf(w) { return w.title || WARNING_TITLES[w.code] || capitalised(w.code.replace(/-/g, " ")); }

  function warningsCell(warnings) {
    const cell = el("td");
    for (const w of bySeverity(warnings)) cell.append(warningWords(w.severity, titleOf(w)));
    return cell;
  }

  function hasCritical(warnings) { return (warnings || []).some((w) => w.severity === "critical"); }

  function renderCases(listing) {
    const body = $("cases").tBodies[0];
    body.replaceChildren();
    listing.items.forEach((item, index) => {
      const row = el("tr");
      // Kiosk mode: a position in the list, never the case's id or patient reference.
      const open = !kiosk && item.id;
      if (open) row.dataset.caseId = item.id;
      if (open && item.id === selected) row.className = "selected";
      row.append(el("td", open ? item.patientRef || item.id : "#" + (index + 1)));
      const verdict = item.headline ? item.headline.verdict : item.verdicts[listing.criteriaSet];
      const critical = hasCritical(item.warnings);
      const verdictCell = el("td", (item.headline ? item.headline.criteriaSet + ": " : "") + verdict + (critical ? " (critical warning)" : ""),
        critical ? "verdict-critical" : "verdict-" + verdict);
      verdictCell.dataset.verdict = verdict;
      row.append(verdictCell);
      row.append(warningsCell(item.warnings));
      row.append(el("td", (item.differential || []).join(", ")));
      const undetermined = item.undetermined ? Object.values(item.undetermined).reduce((a, b) => a + b, 0) : "";
      row.append(el("td", undetermined));
      row.append(el("td", item.firstWorkup ? item.firstWorkup.name : ""));
      row.append(el("td", item.updatedAt.replace("T", " ").slice(0, 16)));
      if (open) row.addEventListener("click", () => showCase(item.id, true));
      body.append(row);
    });
  }

  // `opened`: by a click, so the detail is brought into view at its top.
  async function showCase(id, opened) {
    selected = id;
    for (const row of $("cases").tBodies[0].rows) row.classList.toggle("selected", row.dataset.caseId === id);
    const record = await api("/v1/cases/" + encodeURIComponent(id));
    const evaluation = record.evaluation;
    const critical = bySeverity(evaluation.warnings).filter((w) => w.severity === "critical");
    $("case").hidden = false;
    $("case-critical").hidden = critical.length === 0;
    $("case-critical").textContent = critical.length === 0 ? ""
      : "Critical warning: " + critical.map(titleOf).join("; ") + ". Read it before the verdicts below.";
    $("case-title").textContent = "Case " + (record.patientRef || record.id) + ", revision " + record.revision;
    $("case-summary").textContent = evaluation.summary || "";
    const lists = $("checklists");
    lists.replaceChildren();
    for (const set of evaluation.evaluations) {
      const box = el("div", null, "checklist");
      box.dataset.checklistSet = set.criteriaSet;
      const title = el("h3", set.title + " — ");
      const verdict = el("span", set.verdict, "verdict " + (critical.length > 0 ? "verdict-critical" : "verdict-" + set.verdict));
      title.append(verdict);
      box.append(title);
      const list = el("ul");
      for (const c of set.criteria) {
        const item = el("li", c.name + " (" + c.role + "): " + c.basis, "status-" + c.status);
        item.dataset.criterion = c.id;
        list.append(item);
      }
      box.append(list);
      lists.append(box);
    }
    const warnings = $("case-warnings");
    warnings.replaceChildren(...bySeverity(evaluation.warnings).map((w) => {
      const item = el("li");
      item.append(warningWords(w.severity, titleOf(w)), el("span", w.message));
      return item;
    }));
    $("case-differential").replaceChildren(...(evaluation.differential || []).map((d) =>
      el("li", d.name + " — to exclude: " + d.toExclude.join("; "))));
    $("case-workup").replaceChildren(...[...(evaluation.suggestedWorkup || [])].sort((a, b) => a.priority - b.priority)
      .map((w) => el("li", w.name + ": " + w.test)));
    // The detail opens at its top, wherever the list was scrolled to.
    if (opened) {
      $("case").scrollIntoView({ block: "start" });
      $("case-title").focus({ preventScroll: true });
    }
  }

  async function refresh() {
    const [stats, listing] = await Promise.all([api("/v1/stats"), api("/v1/cases?limit=200")]);
    // A viewer key's listing has no case ids: kiosk mode whatever the address says.
    if (listing.items.some((item) => !item.id)) setKiosk(true);
    for (const item of listing.items) for (const w of item.warnings || []) if (w.title) WARNING_TITLES[w.code] = w.title;
    renderVerdicts(stats);
    renderChart(stats);
    renderCases(listing);
    $("status").textContent = "Up to date (change " + stats.asOf.seq + ")";
    return stats.asOf.seq;
  }

  // Follows the change feed from the position the page was drawn at.
  async function follow(after) {
    while (session && !session.signal.aborted) {
      try {
        const page = await api("/v1/changes?after=" + after + "&wait=25");
        if (page.items.length > 0) {
          after = Math.max(after, await refresh(), page.nextAfter);
          if (selected && page.items.some((c) => c.caseId === selected)) {
            if (page.items.some((c) => c.caseId === selected && (c.kind === "deleted" || c.kind === "purged"))) { $("case").hidden = true; selected = null; }
            else await showCase(selected);
          }
        }
      } catch (error) {
        if (!session || session.signal.aborted) return;
        if (error.status === 401) {
          signOut();
          $("sign-in-error").textContent = "The key was revoked or is no longer valid: sign in again.";
          return;
        }
        $("status").textContent = "Connection lost (" + error.message + "); retrying…";
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
  }

  function setKiosk(on) {
    kiosk = on;
    document.body.classList.toggle("kiosk", on);
    $("mode").textContent = on ? "Kiosk mode: counts and verdicts only, no patient reference." : "";
    if (on) { $("case").hidden = true; selected = null; }
  }

  function signOut() {
    if (session) session.abort();
    session = null; token = null; selected = null;
    $("signed-in").hidden = true;
    $("sign-in").hidden = false;
  }

  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    token = $("token").value.trim();
    $("token").value = "";
    $("sign-in-error").textContent = "";
    session = new AbortController();
    setKiosk(location.hash === "#kiosk");
    try {
      const seq = await refresh();
      $("sign-in").hidden = true;
      $("signed-in").hidden = false;
      follow(seq);
    } catch (error) {
      signOut();
      $("sign-in-error").textContent = error.status === 401 ? "That key is unknown or revoked." : "Cannot sign in: " + error.message;
    }
  });
  $("sign-out").addEventListener("click", signOut);
  $("minimum-n").textContent = String(MINIMUM_ASSESSED);
})();