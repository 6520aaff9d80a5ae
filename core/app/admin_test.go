package app

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/httpapi"
)

// With http.token_file every admin route wants the token but /healthz and
// /readyz (load balancers); a token file that cannot serve stops the start.
func TestTheAdminTokenGuardsAllButHealthAndReadiness(t *testing.T) {
	const token = "mcp-admin-token-0123456789"
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := newMCP(t, func(c *config.MCP) { c.HTTP.TokenFile = path })
	stop := runMCP(t, m)
	defer stop()
	base := "http://" + m.HTTPAddr()
	for _, tc := range []struct {
		path, auth string
		want       int
	}{
		{httpapi.PathHealth, "", 200},
		{httpapi.PathReady, "", 200},
		{httpapi.PathMetrics, "", 401},
		{calls.Path, "", 401},
		{PathSpool, "Bearer not-the-token-0123456789", 401},
		{calls.Path, "Bearer " + token, 200},
		{httpapi.PathMetrics, "Bearer " + token, 200},
		{PathPlugins, "Bearer " + token, 200},
	} {
		req, _ := http.NewRequest(http.MethodGet, base+tc.path, nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("GET %s (%q): %d, want %d", tc.path, tc.auth, res.StatusCode, tc.want)
		}
	}

	cfg := m.cfg
	cfg.HTTP.TokenFile = filepath.Join(t.TempDir(), "missing")
	if _, err := NewMCP(cfg, m.log); err == nil || !strings.Contains(err.Error(), "http.token_file") {
		t.Errorf("a missing token file: %v, want an error naming http.token_file", err)
	}
}
