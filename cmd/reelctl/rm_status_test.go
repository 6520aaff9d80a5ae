package main

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/status"
)

func TestRMStatusPrintsATable(t *testing.T) {
	pool := rm.NewPool([]config.RMGroup{config.MCPGroup("127.0.0.1:5070", "127.0.0.1:5072")})
	pool.Node("127.0.0.1:5072").SetState(rm.Down)
	srv := httptest.NewServer(status.Handler(pool, status.NewMetrics(pool), nil))
	defer srv.Close()
	var out bytes.Buffer
	if err := dispatch([]string{"rm", "status", "--url", srv.URL}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if !strings.HasPrefix(lines[0], "GROUP") || !strings.Contains(lines[1], "127.0.0.1:5070") ||
		!strings.Contains(lines[2], "down") || !strings.Contains(out.String(), "serving, 0 dialogs") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestUnknownCommandListsTheCommands(t *testing.T) {
	err := dispatch([]string{"rm", "nope"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "rm status") {
		t.Errorf("error %v", err)
	}
}
