// The work-up page (GET /workup). Two uses:
// - from a CDS card: the URL's fragment is a capability; it is posted to
//   POST /v1/workup/capability-evaluations (no key) and removed from the
//   address bar and history entry at once;
// - standalone: sign in with an API key (kept in this script's memory
//   only), fill the form built from the API description (/openapi.json:
//   fields, answers, units and ranges) and the criteria (/v1/criteria/{id}:
//   names), and the result follows every change (POST /v1/evaluations).
// Every clinical word shown comes from the service's answers. No inline
// script or style, nothing from another origin (Content-Security-Policy).
"use strict";

(function () {
  let token = null;
  let fields = [];          // {pointer, kind, control, ...} of the form
  let sequence = 0;         // the latest evaluation asked for
  let timer = null;

  const $ = (id) => document.getElementById(id);

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null) continue;
      if (name === "text") node.textContent = value; else node.setAttribute(name, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // MARK: - From a card

  async function openCapability(capability) {
    $("capability").hidden = false;
    try {
      const response = await fetch("/v1/workup/capability-evaluations", {
        method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ capability: capability }), cache: "no-store", credentials: "omit",
      });
      const body = await response.json().catch(() => ({ detail: "The service answered " + response.status + "." }));
      if (!response.ok) {
        $("capability-status").textContent = "This link cannot be opened.";
        const error = $("capability-error");
        error.hidden = false;
        error.dataset.status = String(response.status);
        error.dataset.type = body.type || "";
        error.textContent = (body.title ? body.title + ": " : "") + (body.detail || "");
        return;
      }
      const expires = new Date(body.capabilityExpiresAt);
      $("capability-status").textContent = "Opened from a CDS card, without a key. The link opens until " + expires.toLocaleString() + ".";
      $("origin").textContent = "Evaluation of the data the EHR sent with the CDS card.";
      $("input-details").hidden = true;
      render(body.evaluation);
    } catch (error) {
      $("capability-status").textContent = "The service could not be reached: " + error.message;
    }
  }

  // MARK: - Standalone: sign in, the form

  async function api(path, options) {
    const headers = Object.assign({ "Authorization": "Bearer " + token, "Accept": "application/json" }, (options || {}).headers || {});
    return fetch(path, Object.assign({}, options || {}, { headers: headers, cache: "no-store", credentials: "omit" }));
  }

  async function signIn(event) {
    event.preventDefault();
    const input = $("token");
    token = input.value.trim();
    input.value = "";
    $("sign-in-error").textContent = "";
    const listing = await api("/v1/criteria");
    if (!listing.ok) {
      token = null;
      const problem = await listing.json().catch(() => ({}));
      $("sign-in-error").textContent = problem.detail || ("The key was refused (" + listing.status + ").");
      return;
    }
    $("sign-in").hidden = true;
    $("findings").hidden = false;
    try {
      await buildForm((await listing.json()).criteriaSets);
      $("form-status").textContent = "Signed in. Every answer starts as not assessed; the result follows each change.";
      evaluateSoon();
    } catch (error) {
      $("form-status").textContent = "The form could not be built: " + error.message;
    }
  }

  function signOut() {
    token = null;
    fields = [];
    $("fields").replaceChildren();
    $("findings").hidden = true;
    $("result").hidden = true;
    $("sign-in").hidden = false;
  }

  // Names of criteria, their parts and associated features, by id, from every set.
  async function criterionNames(sets) {
    const names = {};
    for (const set of sets) {
      const response = await api(set.href);
      if (!response.ok) throw new Error("GET " + set.href + ": " + response.status);
      const definition = await response.json();
      for (const criterion of definition.criteria || []) {
        if (!(criterion.id in names)) names[criterion.id] = criterion.name;
        for (const part of criterion.parts || []) if (!(part.id in names)) names[part.id] = part.name;
      }
      for (const feature of definition.associatedFeatures || []) if (!(feature.id in names)) names[feature.id] = feature.name;
    }
    return names;
  }

  async function buildForm(sets) {
    const [description, names] = await Promise.all([
      fetch("/openapi.json", { credentials: "omit" }).then((r) => { if (!r.ok) throw new Error("GET /openapi.json: " + r.status); return r.json(); }),
      criterionNames(sets),
    ]);
    const resolve = (schema) => {
      while (schema && schema.$ref) schema = schema.$ref.split("/").slice(1).reduce((node, key) => node[key], description);
      return schema || {};
    };
    const input = resolve(description.components.schemas.CaseInput);
    const container = $("fields");
    fields = [];
    for (const [section, schema] of Object.entries(input.properties)) {
      const resolved = resolve(schema);
      const fieldset = element("fieldset", { "data-section": section }, element("legend", {}, element("code", { text: section })));
      if (resolved.description) fieldset.append(element("p", { class: "hint", text: resolved.description }));
      for (const [name, property] of Object.entries(resolved.properties || {})) {
        fieldset.append(field("/" + section + "/" + name, name, resolve(property), names, null, resolve));
      }
      container.append(fieldset);
    }
    $("form-sources").textContent = "Fields, answers, units and ranges: this service's API description (/openapi.json); "
      + "criterion names: its criteria sets (" + sets.map((s) => s.href).join(", ") + ").";
  }

  function types(schema) { return [].concat(schema.type || []); }

  // "true present, false absent, null or omitted not assessed." → the three words.
  function answerWords(description, inherited) {
    const match = /true ([^,;]+), false ([^,;]+), null or omitted ([^.;,]+)/.exec(description || "");
    if (match) return { yes: match[1].trim(), no: match[2].trim(), none: match[3].trim() };
    return inherited || { yes: "true", no: "false", none: "not assessed" };
  }

  function label(name, schema, names) {
    if (names[name]) return element("span", { text: names[name] });
    const description = schema.description || "";
    const sentence = /^[^.;(]{3,60}[.;]/.exec(description);
    if (sentence && !/^true /.test(description)) return element("span", { text: sentence[0].slice(0, -1) });
    return element("code", { text: name });
  }

  // The description (unless it only says what the label or the answers say) and the accepted range.
  function hint(schema, words) {
    let description = schema.description || "";
    if (/^[^.;(]{3,60}\.$/.test(description)) description = "";
    const bounds = [];
    if (schema.minimum !== undefined) bounds.push("at least " + schema.minimum);
    if (schema.exclusiveMinimum !== undefined) bounds.push("above " + schema.exclusiveMinimum);
    if (schema.maximum !== undefined) bounds.push("at most " + schema.maximum);
    const parts = [];
    if (description && !(words && /^true [^.]*\.$/.test(description))) parts.push(description);
    if (bounds.length) parts.push("Accepted: " + bounds.join(", ") + ".");
    if (!parts.length) return null;
    const text = parts.join(" ");
    if (text.length <= 180) return element("p", { class: "hint", text: text });
    return element("details", { class: "hint" }, element("summary", { text: "About this field" }), element("p", { text: text }));
  }

  function triState(pointer, words, id) {
    const select = element("select", { id: id, "data-pointer": pointer, "data-kind": "tri" },
      element("option", { value: "", text: words.none }),
      element("option", { value: "true", text: words.yes }),
      element("option", { value: "false", text: words.no }));
    return select;
  }

  function enumSelect(pointer, values, id, none) {
    const select = element("select", { id: id, "data-pointer": pointer, "data-kind": "enum" });
    if (none !== null) select.append(element("option", { value: "", text: none }));
    for (const value of values) if (value !== null) select.append(element("option", { value: value, text: value }));
    return select;
  }

  let fieldCount = 0;

  function field(pointer, name, schema, names, inherited, resolve) {
    const id = "field-" + (++fieldCount);
    const row = element("div", { class: "field", "data-field": pointer });
    const kinds = types(schema);
    const error = element("p", { class: "field-error", role: "alert", "data-error-for": pointer });
    if (schema.oneOf) {
      // A boolean for the whole, or an object of its parts.
      const object = schema.oneOf.map(resolve).find((s) => types(s).includes("object"));
      const words = answerWords((object.properties && Object.values(object.properties)[0] || {}).description);
      const whole = triState(pointer, words, id);
      row.append(element("label", { for: id }, label(name, schema, names)), whole);
      const parts = element("fieldset", { class: "parts" }, element("legend", { text: "Parts (when any is given, the parts are sent instead of the whole)" }));
      const members = [];
      for (const [part, partSchema] of Object.entries(object.properties || {})) {
        const partID = "field-" + (++fieldCount);
        const control = triState(pointer + "/" + part, answerWords(resolve(partSchema).description, words), partID);
        members.push({ name: part, control: control });
        parts.append(element("div", { class: "field part" }, element("label", { for: partID }, label(part, resolve(partSchema), names)), control));
      }
      row.append(hint(schema, null) || "", parts, error);
      fields.push({ pointer: pointer, kind: "whole-or-parts", control: whole, members: members });
      return row;
    }
    if (kinds.includes("boolean")) {
      const words = answerWords(schema.description, inherited);
      const control = triState(pointer, words, id);
      row.append(element("label", { for: id }, label(name, schema, names)), control, hint(schema, words) || "", error);
      fields.push({ pointer: pointer, kind: "tri", control: control });
      return row;
    }
    if (kinds.includes("string") && schema.enum) {
      const control = enumSelect(pointer, schema.enum, id, "not assessed");
      row.append(element("label", { for: id }, label(name, schema, names)), control, hint(schema, null) || "", error);
      fields.push({ pointer: pointer, kind: "enum", control: control });
      return row;
    }
    if (kinds.includes("number") || kinds.includes("integer")) {
      const control = element("input", { id: id, type: "number", inputmode: "decimal", "data-pointer": pointer, "data-kind": "number",
        min: schema.minimum ?? schema.exclusiveMinimum, max: schema.maximum, step: kinds.includes("integer") ? "1" : "any" });
      row.append(element("label", { for: id }, label(name, schema, names)), control, hint(schema, null) || "", error);
      fields.push({ pointer: pointer, kind: "number", control: control, schema: schema, integer: kinds.includes("integer") });
      return row;
    }
    if (kinds.includes("object")) {
      const words = answerWords(schema.description, null);
      const group = element("fieldset", { class: "parts", "data-pointer": pointer }, element("legend", {}, label(name, schema, names)));
      group.append(hint(schema, null) || "");
      const members = [];
      for (const [member, memberSchema] of Object.entries(schema.properties || {})) {
        const before = fields.length;
        group.append(field(pointer + "/" + member, member, resolve(memberSchema), names, words, resolve));
        members.push(...fields.splice(before));
      }
      row.append(group, error);
      fields.push({ pointer: pointer, kind: "object", members: members });
      return row;
    }
    if (kinds.includes("array")) {
      const item = resolve(schema.items);
      const list = element("div", { class: "items" });
      const entry = { pointer: pointer, kind: "array", rows: [] };
      const add = element("button", { type: "button", "data-add": pointer, text: "Add one" });
      add.addEventListener("click", () => {
        const index = entry.rows.length;
        const line = element("div", { class: "item", "data-item": pointer + "/" + index });
        const controls = {};
        for (const [member, memberSchema] of Object.entries(item.properties || {})) {
          const memberID = "field-" + (++fieldCount);
          controls[member] = enumSelect(pointer + "/" + index + "/" + member, resolve(memberSchema).enum || [], memberID, null);
          line.append(element("label", { for: memberID }, element("code", { text: member })), controls[member]);
        }
        const remove = element("button", { type: "button", text: "Remove" });
        const record = { line: line, controls: controls };
        remove.addEventListener("click", () => { entry.rows.splice(entry.rows.indexOf(record), 1); line.remove(); evaluateSoon(); });
        line.append(remove);
        entry.rows.push(record);
        list.append(line);
        evaluateSoon();
      });
      row.append(element("p", { class: "field-name" }, label(name, schema, names)), hint(schema, null) || "", list, add, error);
      fields.push(entry);
      return row;
    }
    row.append(element("code", { text: name }));
    return row;
  }

  // MARK: - The request

  function value(entry, problems) {
    switch (entry.kind) {
      case "tri": return entry.control.value === "" ? undefined : entry.control.value === "true";
      case "enum": return entry.control.value === "" ? undefined : entry.control.value;
      case "number": {
        const text = entry.control.value.trim();
        if (text === "") {
          if (entry.control.validity && entry.control.validity.badInput) problems.push([entry.pointer, "Not a number."]);
          return undefined;
        }
        const number = Number(text);
        const schema = entry.schema;
        if (!Number.isFinite(number)) problems.push([entry.pointer, "Not a number."]);
        else if (entry.integer && !Number.isInteger(number)) problems.push([entry.pointer, "A whole number."]);
        else if (schema.minimum !== undefined && number < schema.minimum) problems.push([entry.pointer, "Below the accepted minimum, " + schema.minimum + "."]);
        else if (schema.exclusiveMinimum !== undefined && number <= schema.exclusiveMinimum) problems.push([entry.pointer, "Must be above " + schema.exclusiveMinimum + "."]);
        else if (schema.maximum !== undefined && number > schema.maximum) problems.push([entry.pointer, "Above the accepted maximum, " + schema.maximum + ": check the unit."]);
        return number;
      }
      case "object": return objectOf(entry.members, problems);
      case "whole-or-parts": {
        const parts = {};
        for (const member of entry.members) if (member.control.value !== "") parts[member.name] = member.control.value === "true";
        if (Object.keys(parts).length) return parts;
        return value({ kind: "tri", control: entry.control }, problems);
      }
      case "array": {
        if (!entry.rows.length) return undefined;
        return entry.rows.map((row) => Object.fromEntries(Object.entries(row.controls).map(([name, control]) => [name, control.value])));
      }
    }
    return undefined;
  }

  function objectOf(entries, problems) {
    const object = {};
    for (const entry of entries) {
      const result = value(entry, problems);
      if (result !== undefined) object[entry.pointer.split("/").pop()] = result;
    }
    return Object.keys(object).length ? object : undefined;
  }

  function requestBody(problems) {
    const body = {};
    for (const entry of fields) {
      const section = entry.pointer.split("/")[1];
      const result = value(entry, problems);
      if (result === undefined) continue;
      body[section] = body[section] || {};
      body[section][entry.pointer.split("/")[2]] = result;
    }
    body.findings = body.findings || {};
    return body;
  }

  function showErrors(problems) {
    for (const node of document.querySelectorAll("[data-error-for]")) node.textContent = "";
    for (const node of document.querySelectorAll(".field.invalid")) node.classList.remove("invalid");
    for (const [pointer, text] of problems) {
      // The field's own message, or its nearest enclosing field's.
      let target = pointer;
      while (target && !document.querySelector('[data-error-for="' + CSS.escape(target) + '"]')) target = target.slice(0, target.lastIndexOf("/"));
      const node = document.querySelector('[data-error-for="' + CSS.escape(target || "") + '"]');
      if (node) {
        node.textContent = text;
        node.closest(".field").classList.add("invalid");
      } else {
        $("form-status").textContent = text;
      }
    }
  }

  function evaluateSoon() {
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  }

  async function evaluate() {
    if (!token) return;
    const problems = [];
    const body = requestBody(problems);
    showErrors(problems);
    const mine = ++sequence;
    $("findings").dataset.state = "evaluating";
    if (problems.length) {
      $("form-status").textContent = "Correct the marked fields; the result below is of the last valid entry.";
      $("findings").dataset.state = "invalid";
      return;
    }
    const text = JSON.stringify(body);
    const response = await api("/v1/evaluations?include=treatmentEvidence", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: text,
    });
    const answer = await response.json().catch(() => ({}));
    if (mine !== sequence) return;  // a later change was sent since
    if (!response.ok) {
      showErrors([[answer.pointer || "", (answer.title ? answer.title + ": " : "") + (answer.detail || response.status)]]);
      $("form-status").textContent = "The service refused the entry (" + response.status + "); the result below is of the last accepted entry.";
      $("findings").dataset.state = "refused";
      if (response.status === 401) signOut();
      return;
    }
    $("form-status").textContent = "Evaluated " + new Date().toLocaleTimeString() + ".";
    $("findings").dataset.state = "evaluated";
    $("request-json").textContent = JSON.stringify(body, null, 2);
    $("origin").textContent = "Evaluation of the findings entered on this page.";
    render(answer);
  }

  // MARK: - The result

  function render(evaluation) {
    $("result").hidden = false;
    $("result").dataset.engineVersion = evaluation.engineVersion || "";
    const headline = (evaluation.evaluations || []).find((set) => set.criteriaSet === evaluation.criteriaSet) || {};
    $("headline").replaceChildren(
      element("span", { class: "verdict verdict-" + evaluation.verdict, "data-verdict": evaluation.verdict, text: evaluation.verdict }),
      " under " + (headline.title || evaluation.criteriaSet));
    $("headline").dataset.criteriaSet = evaluation.criteriaSet;
    $("summary").textContent = evaluation.summary || "";

    $("sets").replaceChildren(...(evaluation.evaluations || []).map((set) => {
      const column = element("section", { class: "set", "data-set": set.criteriaSet },
        element("h3", { text: set.title }),
        element("p", {}, element("span", { class: "verdict verdict-" + set.verdict, text: set.verdict })),
        element("p", { class: "rule", text: set.rule }));
      const list = element("ul", { class: "criteria" });
      for (const criterion of set.criteria || []) {
        list.append(element("li", { class: "status-" + criterion.status, "data-criterion": criterion.id, "data-status": criterion.status },
          element("span", { class: "status", text: criterion.status }), " ",
          element("strong", { text: criterion.name }), element("span", { class: "role", text: " (" + criterion.role + ")" }),
          element("p", { class: "basis", text: criterion.basis })));
      }
      column.append(list, element("p", { class: "citation", text: set.citation }));
      return column;
    }));

    const differential = evaluation.differential || [];
    $("differential").replaceChildren(...(differential.length ? differential.map((entry) => element("li", { "data-condition": entry.condition },
      element("strong", { text: entry.name }), element("p", { class: "hint", text: entry.note }),
      element("p", { text: "Why it stays open:" }), element("ul", {}, ...(entry.reasons || []).map((reason) => element("li", { text: reason }))),
      element("p", { text: "What excludes it:" }), element("ul", {}, ...(entry.toExclude || []).map((step) => element("li", { text: step }))),
      element("p", { class: "source", text: "Sources: " + (entry.sources || []).join("; ") })))
      : [element("li", { class: "none", text: "None left open." })]));

    const order = ["critical", "warning", "info"];
    const warnings = (evaluation.warnings || []).slice().sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    const groups = order.filter((severity) => warnings.some((w) => w.severity === severity)).map((severity) => element("section",
      { class: "severity severity-" + severity, "data-severity-group": severity },
      element("h3", { text: "Severity: " + severity }),
      element("ul", {}, ...warnings.filter((w) => w.severity === severity).map((w) => element("li", { "data-warning": w.code, "data-severity": w.severity },
        element("p", { text: w.message }), element("p", { class: "source", text: "Source: " + w.source }))))));
    $("warnings").replaceChildren(...(groups.length ? groups : [element("p", { class: "none", text: "No warnings." })]));

    $("workup").replaceChildren(...(evaluation.suggestedWorkup || []).map((step, index) => {
      const box = element("input", { type: "checkbox", id: "step-" + index, "aria-label": "done: " + step.name });
      return element("li", { "data-step": step.id, "data-priority": String(step.priority) },
        box, element("label", { for: "step-" + index }, element("strong", { text: step.name }), " (" + step.stage + ")"),
        element("p", { text: step.test }), element("p", { class: "source", text: "Source: " + step.source }));
    }));

    renderEvidence(evaluation);
    $("disclaimer").textContent = evaluation.disclaimer || "";
    $("printed-at").textContent = "Printed " + new Date().toLocaleString() + " from poemsd (engine " + (evaluation.engineVersion || "?") + ").";
  }

  // The evidence only as the service returns it: shown, with its applicability, or withheld with the reason.
  function renderEvidence(evaluation) {
    const container = $("evidence");
    const evidence = evaluation.treatmentEvidence;
    if (!evidence) {
      container.replaceChildren(element("p", { id: "evidence-withheld", class: "withheld", text: evaluation.treatmentEvidenceWithheld || "Not returned." }));
      container.dataset.applicability = "withheld";
      return;
    }
    container.dataset.applicability = evidence.applicability;
    const parts = [element("p", { class: "applicability", text: evidence.applicabilityNote }), element("p", { class: "reminder", text: evidence.reminder }),
      element("p", { text: evidence.basis })];
    for (const group of evidence.groups || []) {
      // The number of patients first, then the outcomes, as the service names them.
      const columns = group.rows.length ? Object.keys(group.rows[0].cells).sort((a, b) => (b === "patients") - (a === "patients")) : [];
      const table = element("table", { "data-group": group.id },
        element("thead", {}, element("tr", {}, element("th", { scope: "col", text: "treatment" }), ...columns.map((c) => element("th", { scope: "col", text: c })))),
        element("tbody", {}, ...group.rows.map((row) => element("tr", {},
          element("th", { scope: "row" }, row.treatment, row.note ? element("p", { class: "hint", text: row.note }) : ""),
          ...columns.map((c) => element("td", { text: (row.cells[c] && row.cells[c].printed) || "–" }))))));
      parts.push(element("section", { class: "evidence-group" }, element("h3", { text: group.id }), element("p", { text: group.basis }), table));
    }
    for (const [name, source] of Object.entries(evidence.tableSources || {})) {
      parts.push(element("p", { class: "source", text: name + ": " + source.citation + " " + (source.text || "") }));
    }
    container.replaceChildren(...parts);
  }

  // MARK: - Start

  document.addEventListener("DOMContentLoaded", () => {
    $("print").addEventListener("click", () => window.print());
    const capability = location.hash.slice(1);
    if (capability) {
      // Out of the address bar and this history entry at once; kept in memory only.
      history.replaceState(null, "", location.pathname);
      openCapability(capability);
      return;
    }
    $("sign-in").hidden = false;
    $("sign-in").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", signOut);
    $("findings").addEventListener("input", evaluateSoon);
    $("findings").addEventListener("change", evaluateSoon);
  });
})();
