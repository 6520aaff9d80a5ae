// Cluster: replaces the MCP table with every update of
// /console/cluster/events (server-sent events, one JSON list of rows each).
"use strict";
(function () {
  const body = document.querySelector("#cluster tbody");
  const live = document.getElementById("live");
  if (!body || !window.EventSource) return;
  const cols = ["address", "group", "state", "calls", "capacity", "load", "cpu", "diskFree", "pending", "dead"];
  const render = (rows) => {
    const out = document.createDocumentFragment();
    for (const r of rows) {
      const tr = document.createElement("tr");
      tr.dataset.mcp = r.address;
      for (const k of cols) {
        const td = tr.insertCell();
        td.textContent = String(r[k]);
        if (k === "state") td.className = "state " + r.state;
        if (k === "dead" && r.dead > 0) td.className = "state dead";
      }
      const td = tr.insertCell();
      if (r.console) {
        const a = document.createElement("a");
        a.href = r.console; a.textContent = "open";
        td.appendChild(a);
      }
      if (r.error) {
        const s = document.createElement("small");
        s.className = "error"; s.textContent = " " + r.error;
        td.appendChild(s);
      }
      out.appendChild(tr);
    }
    body.replaceChildren(out);
  };
  const es = new EventSource("/console/cluster/events");
  es.onopen = () => { live.textContent = "live"; live.className = "ok"; };
  es.onerror = () => { live.textContent = "reconnecting…"; live.className = "muted"; };
  es.onmessage = (e) => render(JSON.parse(e.data));
})();
