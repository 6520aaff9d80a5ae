package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// Below capacity.min_free_mb new calls are refused with 503 (so reel-rm
// sends them elsewhere), OPTIONS and /readyz say why, and /metrics shows
// the free space.
func TestLowDiskSpaceRefusesNewCalls(t *testing.T) {
	m := newMCP(t, func(c *config.MCP) { c.Capacity.MinFreeMB = 1 << 30 }) // 1 PB
	stop := runMCP(t, m)
	defer stop()
	udp, _ := m.SIPAddr()
	addr, base := udp.String(), "http://"+m.HTTPAddr()
	if code, body := get(t, base+"/readyz"); code != 503 || !strings.Contains(body, "disk space low") {
		t.Errorf("/readyz %d %q, want 503 naming the disk", code, body)
	}
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	if code := options(t, emu, addr); code != 503 {
		t.Errorf("OPTIONS %d, want 503", code)
	}
	p, _ := sipemu.NewParty(0, 9)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := emu.Invite(ctx, "sip:msml=disk@"+addr+";dn=1;record", p); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("INVITE with the disk below the minimum: %v, want 503", err)
	}
	if _, body := get(t, base+"/metrics"); !strings.Contains(body, "reel_disk_free_bytes ") || strings.Contains(body, "reel_disk_free_bytes 0\n") {
		t.Errorf("/metrics lacks the free space:\n%s", grep(body, "reel_disk"))
	}
}
