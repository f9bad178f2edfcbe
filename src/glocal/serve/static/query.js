// The glocal query page: lists the named queries, runs a query against ./sparql and shows
// the answer. No inline script (the page's Content-Security-Policy forbids it), no eval,
// and every value from the server is written as text, never as HTML.
"use strict";

const endpoint = new URL("sparql", document.baseURI).href;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

async function loadExamples() {
  const list = document.getElementById("examples");
  const response = await fetch("queries", { headers: { Accept: "application/json" } });
  const queries = await response.json();
  list.replaceChildren();
  for (const q of queries) {
    const button = element("button");
    button.type = "button";
    button.dataset.name = q.name;
    button.append(element("span", q.name, "name"), element("span", q.title),
                  element("span", q.sv, "sv"));
    button.addEventListener("click", () => {
      document.getElementById("query").value = q.query;
      for (const other of list.querySelectorAll("button")) other.classList.remove("active");
      button.classList.add("active");
      setStatus(q.params.length ? "Parameters " + q.params.join(" ") +
                " are unbound: the query answers for all." : "");
    });
    const item = element("li");
    item.append(button);
    list.append(item);
  }
}

function cell(term) {
  const td = element("td");
  if (!term) return td;
  if (term.type === "uri") {
    const link = element("a", term.value);
    link.href = term.value;
    link.rel = "noopener noreferrer";
    td.append(link);
  } else {
    td.append(document.createTextNode(term.type === "bnode" ? "_:" + term.value : term.value));
    if (term["xml:lang"]) td.append(element("span", "@" + term["xml:lang"], "lang"));
    else if (term.datatype) td.append(element("span", term.datatype.split(/[#/]/).pop(), "type"));
  }
  return td;
}

function showTable(data) {
  const results = document.getElementById("results");
  const table = element("table");
  const head = element("tr");
  for (const name of data.head.vars) head.append(element("th", name));
  const thead = element("thead");
  thead.append(head);
  const tbody = element("tbody");
  for (const row of data.results.bindings) {
    const tr = element("tr");
    for (const name of data.head.vars) tr.append(cell(row[name]));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  results.replaceChildren(table);
  const n = data.results.bindings.length;
  return n + (n === 1 ? " row" : " rows");
}

async function run(event) {
  event.preventDefault();
  const button = document.getElementById("run");
  const results = document.getElementById("results");
  button.disabled = true;
  setStatus("Running…");
  const started = performance.now();
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query: document.getElementById("query").value }),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      results.replaceChildren(element("p", await response.text(), "error-box"));
      setStatus("Refused (" + response.status + ")", true);
    } else if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      if ("boolean" in data) {
        results.replaceChildren(element("p", "Answer: " + data.boolean));
        setStatus(seconds);
      } else {
        setStatus(showTable(data) + " · " + seconds);
      }
    } else {
      results.replaceChildren(element("pre", await response.text()));
      setStatus(seconds);
    }
  } catch (error) {
    results.replaceChildren(element("p", String(error), "error-box"));
    setStatus("Failed", true);
  } finally {
    button.disabled = false;
  }
}

document.getElementById("endpoint").textContent = endpoint;
document.getElementById("form").addEventListener("submit", run);
loadExamples().catch((error) => setStatus("Cannot list the named queries: " + error, true));
