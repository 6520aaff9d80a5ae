package cluster

import (
	"testing"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/nodestatus"
	"github.com/reel-project/reel/rm/status"
)

func TestStateAddsFullAndPausedToThePoolsView(t *testing.T) {
	cases := []struct {
		n    status.NodeReport
		want string
	}{
		{status.NodeReport{State: "up", Calls: 3, Capacity: 10}, "up"},
		{status.NodeReport{State: "up", Calls: 10, Capacity: 10}, "full"},
		{status.NodeReport{State: "up", PausedUntil: "2026-12-08T10:00:00Z"}, "paused"},
		{status.NodeReport{State: "draining", Calls: 10, Capacity: 10}, "draining"},
		{status.NodeReport{State: "down"}, "down"},
	}
	for _, tc := range cases {
		if got := state(tc.n); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.n, got, tc.want)
		}
	}
}

func TestRowsFormatWhatTheMCPsSaid(t *testing.T) {
	s := Snapshot{Nodes: []Node{
		{NodeReport: status.NodeReport{Address: "10.0.0.1:5070", Calls: 2, Capacity: 10, LoadPercent: 20}, Group: "g", State: "up",
			Admin: "http://10.0.0.1:8070/", CPUPercent: 12.4, MCP: &nodestatus.Status{DiskFreeBytes: 12_300_000_000,
				Spool: nodestatus.Spool{Pending: 2, InProgress: 1, Dead: 4}},
			Calls: calls.Report{Legs: 2, Calls: []calls.Call{{ID: "conf-1", Legs: []calls.Leg{{ID: "a"}, {ID: "b"}}}}}},
		{NodeReport: status.NodeReport{Address: "10.0.0.2:5070"}, State: "down", Error: "connection refused"},
	}}
	r := rows(s)
	want := row{Address: "10.0.0.1:5070", Group: "g", State: "up", Calls: 2, Capacity: 10, Load: "20.0 %", CPU: "12 %",
		DiskFree: "12.3 GB", Pending: "3", Dead: 4, Console: "http://10.0.0.1:8070/console/"}
	if r[0] != want {
		t.Errorf("row 1 = %+v\nwant    %+v", r[0], want)
	}
	if r[1].CPU != "—" || r[1].DiskFree != "—" || r[1].Error != "connection refused" || r[1].Console != "" {
		t.Errorf("an MCP not read: %+v", r[1])
	}
	c := s.Calls()
	if len(c.Calls) != 1 || c.Calls[0].ID != "10.0.0.1:5070 conf-1" || c.Legs != 2 {
		t.Errorf("cluster calls: %+v", c)
	}
}
