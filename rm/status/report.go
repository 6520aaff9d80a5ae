package status

import (
	"math"
	"time"

	"github.com/reel-project/reel/rm"
)

// Report is the body of GET /status.
type Report struct {
	Draining bool          `json:"draining"`
	Dialogs  int           `json:"dialogs"` // live dialogs through this RM
	Groups   []GroupReport `json:"groups"`
}

// GroupReport is one resource group.
type GroupReport struct {
	Name   string       `json:"name"`
	Policy string       `json:"policy"`
	MCPs   []NodeReport `json:"mcps"`
}

// NodeReport is one MCP as this RM sees it.
type NodeReport struct {
	Address     string  `json:"address"`
	State       string  `json:"state"` // up, draining, down
	Calls       int64   `json:"calls"`
	Legs        int64   `json:"legs"`
	Capacity    int     `json:"capacity"`
	LoadPercent float64 `json:"load_percent"`
	Invites     uint64  `json:"invites"`   // initial INVITEs sent
	Failovers   uint64  `json:"failovers"` // of which failed over to another MCP
	// PausedUntil is when a pause asked for by the MCP's Retry-After ends
	// (RFC 3339, UTC); empty when none is running.
	PausedUntil string `json:"paused_until,omitempty"`
}

// Info is what the proxy adds to the report.
type Info func() (draining bool, dialogs int)

// Build returns the report of pool.
func Build(pool *rm.Pool, info Info) Report {
	var r Report
	if info != nil {
		r.Draining, r.Dialogs = info()
	}
	for _, g := range pool.Groups() {
		gr := GroupReport{Name: g.Name, Policy: g.Policy}
		for _, n := range g.Nodes {
			gr.MCPs = append(gr.MCPs, nodeReport(n))
		}
		r.Groups = append(r.Groups, gr)
	}
	return r
}

func nodeReport(n *rm.Node) NodeReport {
	sent, failed := n.Invites()
	r := NodeReport{Address: n.Addr, State: n.State().String(), Calls: n.Calls(), Legs: n.Legs(),
		Capacity: n.Capacity, LoadPercent: math.Round(n.Load()*1000) / 10, Invites: sent, Failovers: failed}
	if t := n.PausedUntil(); !t.IsZero() {
		r.PausedUntil = t.UTC().Format(time.RFC3339)
	}
	return r
}
