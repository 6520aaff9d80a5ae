// Live calls: replaces the table body with every update of
// /console/calls/events (server-sent events, one JSON report each).
"use strict";
(function () {
  const body = document.querySelector("#calls tbody");
  const live = document.getElementById("live");
  const count = document.getElementById("count");
  if (!body || !window.EventSource) return;
  const cell = (tr, text, cls, rows) => {
    const td = tr.insertCell();
    td.textContent = text == null ? "" : String(text);
    if (cls) td.className = cls;
    if (rows) td.rowSpan = rows;
    return td;
  };
  const render = (report) => {
    const rows = document.createDocumentFragment();
    for (const c of report.calls || []) {
      c.legs.forEach((l, i) => {
        const tr = document.createElement("tr");
        tr.dataset.call = c.id;
        if (i === 0) {
          cell(tr, c.id + " " + c.kind, "", c.legs.length);
          cell(tr, c.callUuid, "", c.legs.length);
          const td = cell(tr, "", "rec", c.legs.length);
          const s = document.createElement("span");
          const state = c.recording ? c.recording.state : "none";
          s.className = "state " + state;
          s.textContent = c.recording ? state : "not recording";
          td.appendChild(s);
        }
        for (const v of [l.id, l.dn, l.codec, l.direction, l.packetsReceived, l.packetsSent, l.packetsLost]) cell(tr, v);
        const m = document.createElement("meter");
        m.min = 0; m.max = 1000; m.value = l.level; m.title = l.level + "‰";
        tr.insertCell().appendChild(m);
        rows.appendChild(tr);
      });
    }
    body.replaceChildren(rows);
    count.textContent = (report.calls || []).length;
  };
  const es = new EventSource("/console/calls/events");
  es.onopen = () => { live.textContent = "live"; live.className = "ok"; };
  es.onerror = () => { live.textContent = "reconnecting…"; live.className = "muted"; };
  es.onmessage = (e) => render(JSON.parse(e.data));
})();
