package app

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

const bomb = `<?xml version="1.0"?><!DOCTYPE msml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
	`<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
	`<msml version="1.1"><dialogstart target="conf:msml-bad"><record/><param name="id">&d;</param></dialogstart></msml>`

// TestMSMLBadRequestsGetPreciseResultsAndRecordNothing sends what SIP
// Server must never send, over TCP: each INFO of a known dialog is answered
// 200 with an MSML error result, a body over sip.max_body_bytes — 5 KB or
// 1 MB — 413; an INFO outside any dialog 481. Nothing is recorded and the MCP keeps serving.
func TestMSMLBadRequestsGetPreciseResultsAndRecordNothing(t *testing.T) {
	m := newMCP(t, func(c *config.MCP) { c.SIP.MaxBodyBytes = 4096 })
	stop := runMCP(t, m)
	defer stop()
	udp, tcp := m.SIPAddr()
	emu, err := sipemu.New(tcp.String(), "tcp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(tcp.String(), "msml-bad", ";transport=tcp"))
	for _, tc := range []struct {
		name, body string
		code       int
		says       string
	}{
		{"malformed XML", `<msml version="1.1"><dialogstart target="conf:msml-bad">`, 400, "malformed XML"},
		{"an unknown element", `<msml version="1.1"><startrecording/></msml>`, 400, "unknown element: <startrecording>"},
		{"an unknown target", startBody("conf:nope", "audio/wav", "x"), 401, "unknown target: conf:nope"},
		{"an unknown connection", startBody("conn:nope", "audio/wav", "x"), 401, "unknown target: conn:nope"},
		{"a pause when not recording", sendBody("conf:msml-bad/dialog:rec", "pause"), 401, "not recording: conf:msml-bad/dialog:rec"},
		{"an entity-expansion bomb", bomb, 400, "DTD or entity declaration not allowed"},
		{"a format Reel cannot write", startBody("conf:msml-bad", "audio/ogg", "x"), 420, `record format "audio/ogg"`},
	} {
		t.Run(tc.name+" is answered "+fmt.Sprint(tc.code), func(t *testing.T) {
			r := info(t, c.a, tc.body)
			if r.Response != tc.code || !strings.Contains(r.Description, tc.says) {
				t.Errorf("result %d %q, want %d saying %q", r.Response, r.Description, tc.code, tc.says)
			}
		})
	}
	t.Run("a body over sip.max_body_bytes is refused 413 by the UA", func(t *testing.T) {
		if code := rawInfo(t, c.a, 5000); code != 413 {
			t.Errorf("got %d", code)
		}
	})
	t.Run("a 1 MB body is refused 413 and the MCP keeps serving", func(t *testing.T) {
		if code := rawInfo(t, c.a, 1<<20); code != 413 {
			t.Errorf("got %d, want 413", code)
		}
		ok(t, c.b, `<msml version="1.1"><createconference name="msml-bad"/></msml>`)
	})
	t.Run("an INFO outside any dialog is refused 481", func(t *testing.T) {
		if code := strayInfo(t, udp.String()); code != 481 {
			t.Errorf("got %d", code)
		}
	})
	if files, _ := filepath.Glob(filepath.Join(m.cfg.RecordingDir(), "*")); len(files) != 0 {
		t.Errorf("bad requests recorded %v", files)
	}
}

// rawInfo sends an INFO with an n-byte MSML-typed body on the leg's dialog
// and returns the final status, 0 when none came within 1 s.
func rawInfo(t *testing.T, l *sipemu.Leg, n int) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	body := append([]byte(`<msml version="1.1">`), bytes.Repeat([]byte(" "), n)...)
	res, err := l.Info(ctx, "application/msml+xml", body)
	if err != nil {
		return 0
	}
	return res.StatusCode
}

// strayInfo sends an INFO with tags no dialog has and returns the status.
func strayInfo(t *testing.T, mcp string) int {
	t.Helper()
	conn, err := net.Dial("udp", mcp)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	local := conn.LocalAddr().String()
	body := sendBody("conf:x/dialog:rec", "pause")
	msg := fmt.Sprintf("INFO sip:msml=x@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-stray1\r\n"+
		"From: <sip:sipserver@%s>;tag=stray-from\r\nTo: <sip:msml=x@%s>;tag=stray-to\r\nCall-ID: stray@test\r\n"+
		"CSeq: 5 INFO\r\nMax-Forwards: 70\r\nContent-Type: application/msml+xml\r\nContent-Length: %d\r\n\r\n%s",
		mcp, local, local, mcp, len(body), body)
	if _, err := conn.Write([]byte(msg)); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			t.Fatalf("no answer to a stray INFO: %v", err)
		}
		var code int
		if _, err := fmt.Sscanf(string(buf[:n]), "SIP/2.0 %d", &code); err == nil && code >= 200 {
			return code
		}
	}
}
