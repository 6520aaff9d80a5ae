package app_test

import (
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/rm/app"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/status"
)

// With http.token_file, /status and /metrics want the token; /healthz
// stays open for load balancers. A token file that cannot serve stops the
// start with an error naming the key.
func TestTheAdminTokenGuardsAllButHealthz(t *testing.T) {
	const token = "rm-admin-token-0123456789"
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := startRM(t, config.PolicyRoundRobin, nil, nil, func(c *config.RM) {
		c.HTTP.TokenFile = path
		c.Groups = []config.RMGroup{config.MCPGroup("127.0.0.1:5")}
		c.Health.Interval = 0
	})
	get := func(p, auth string) int {
		req, _ := http.NewRequest(http.MethodGet, "http://"+r.HTTPAddr()+p, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for _, tc := range []struct {
		path, auth string
		want       int
	}{
		{status.PathHealth, "", 200},
		{status.PathStatus, "", 401},
		{status.PathMetrics, "Bearer nope-nope-nope-nope", 401},
		{status.PathStatus, "Bearer " + token, 200},
		{status.PathMetrics, "Bearer " + token, 200},
	} {
		if got := get(tc.path, tc.auth); got != tc.want {
			t.Errorf("GET %s (%q): %d, want %d", tc.path, tc.auth, got, tc.want)
		}
	}
	short := filepath.Join(t.TempDir(), "short")
	_ = os.WriteFile(short, []byte("abc"), 0o600)
	cfg := config.DefaultRM()
	cfg.SIP.Listen, cfg.HTTP.Listen, cfg.HTTP.TokenFile = "127.0.0.1:0", "127.0.0.1:0", short
	if _, err := app.New(cfg, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "http.token_file") {
		t.Errorf("a short token: %v, want an error naming http.token_file", err)
	}
}
