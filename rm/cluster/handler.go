package cluster

import (
	"embed"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/reel-project/reel/core/webui"
)

//go:embed assets
var assets embed.FS

var pages = webui.Templates(assets, nil, "assets/*.html")

var menu = []string{"cluster", "calls"}

// Handler serves the cluster console. Its methods are safe for concurrent
// use.
type Handler struct {
	p    *Poller
	log  *slog.Logger
	live *webui.Streams
}

// Close ends the live streams (call it when the server shuts down, which
// waits for them otherwise); the pages go on working. Safe twice.
func (h *Handler) Close() { h.live.Close() }

// New returns the console over p; live updates are checked every tick.
func New(p *Poller, tick time.Duration, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.Default()
	}
	return &Handler{p: p, log: log, live: webui.NewStreams(tick)}
}

// Routes are the console's http.ServeMux patterns, the shared sign-in and
// static files included.
func (h *Handler) Routes() map[string]http.Handler {
	r := webui.Routes(webui.Path + "cluster")
	maps.Copy(r, map[string]http.Handler{
		"GET " + webui.Path + "{$}":            http.RedirectHandler(webui.Path+"cluster", http.StatusSeeOther),
		"GET " + webui.Path + "cluster":        http.HandlerFunc(h.cluster),
		"GET " + webui.Path + "cluster/events": h.live.Handler(func() any { return rows(h.p.Snapshot()) }),
		"GET " + webui.Path + "calls":          http.HandlerFunc(h.calls),
		"GET " + webui.Path + "calls/events":   h.live.Handler(func() any { return h.p.Snapshot().Calls() }),
	})
	return r
}

func (h *Handler) cluster(w http.ResponseWriter, r *http.Request) {
	webui.Render(w, r, pages, h.log, http.StatusOK, "cluster.html",
		webui.Page{Title: "Cluster", Menu: menu, Nav: "cluster", Data: rows(h.p.Snapshot())})
}

func (h *Handler) calls(w http.ResponseWriter, r *http.Request) {
	webui.Render(w, r, pages, h.log, http.StatusOK, "calls.html",
		webui.Page{Title: "Live calls", Menu: menu, Nav: "calls", Data: h.p.Snapshot().Calls()})
}

// row is one MCP's line, formatted for the page and its script alike.
type row struct {
	Address  string `json:"address"`
	Group    string `json:"group"`
	State    string `json:"state"`
	Calls    int64  `json:"calls"`
	Capacity int    `json:"capacity"`
	Load     string `json:"load"`
	CPU      string `json:"cpu"`
	DiskFree string `json:"diskFree"`
	Pending  string `json:"pending"`
	Dead     int    `json:"dead"`
	Console  string `json:"console,omitempty"`
	Error    string `json:"error,omitempty"`
}

func rows(s Snapshot) []row {
	out := make([]row, 0, len(s.Nodes))
	for _, n := range s.Nodes {
		r := row{Address: n.Address, Group: n.Group, State: n.State, Calls: n.NodeReport.Calls, Capacity: n.Capacity,
			Load: fmt.Sprintf("%.1f %%", n.LoadPercent), CPU: "—", DiskFree: "—", Pending: "—", Error: n.Error}
		if n.Admin != "" {
			r.Console = strings.TrimSuffix(n.Admin, "/") + webui.Path
		}
		if m := n.MCP; m != nil {
			r.CPU = fmt.Sprintf("%.0f %%", n.CPUPercent)
			r.DiskFree = fmt.Sprintf("%.1f GB", float64(m.DiskFreeBytes)/1e9)
			r.Pending = fmt.Sprint(m.Spool.Pending + m.Spool.InProgress)
			r.Dead = m.Spool.Dead
		}
		out = append(out, r)
	}
	return out
}
