package app_test

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// mcpBin is the reel-mcp binary TestMain builds once; mcpConfig its
// config file: the calls here send ;record and no MSML, so the default
// profile records from the first audio (as scripts/capacity.sh does).
var mcpBin, mcpConfig string

const mcpConfigYAML = "profiles:\n  default:\n    storage: [localdir]\n    metadata: [localdir]\n    record_from: first-audio\n"

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "reel-rm-test")
	if err != nil {
		panic(err)
	}
	mcpBin, mcpConfig = filepath.Join(dir, "reel-mcp"), filepath.Join(dir, "mcp.yaml")
	if err := os.WriteFile(mcpConfig, []byte(mcpConfigYAML), 0o600); err != nil {
		panic(err)
	}
	out, err := exec.Command("go", "build", "-o", mcpBin, "github.com/reel-project/reel/cmd/reel-mcp").CombinedOutput()
	code := 1
	if err == nil {
		code = m.Run()
	} else {
		fmt.Fprintf(os.Stderr, "building reel-mcp: %v\n%s", err, out)
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// rtpSlot hands each MCP process its own RTP range in 45000–59999.
var rtpSlot atomic.Int32

const rtpRange = 1000 // ports per MCP: 500 pairs, 250 calls

// mcpProc is one reel-mcp process on 127.0.0.1.
type mcpProc struct {
	t        *testing.T
	sip      int // SIP port (UDP and TCP)
	http     int
	rtpMin   int
	dataDir  string
	logPath  string
	cmd      *exec.Cmd
	exited   chan error
	maxCalls int
	env      []string // more REEL_* settings
}

// startMCP starts a reel-mcp for 200 calls; it is killed when the test ends.
func startMCP(t *testing.T) *mcpProc { t.Helper(); return startMCPFor(t, 200) }

// startMCPFor starts a reel-mcp with capacity.max_calls maxCalls and
// the REEL_* settings of env.
func startMCPFor(t *testing.T, maxCalls int, env ...string) *mcpProc {
	t.Helper()
	slot := int(rtpSlot.Add(1)-1) % ((60000 - 45000) / rtpRange)
	m := &mcpProc{t: t, sip: freePort(t), http: freePort(t), rtpMin: 45000 + slot*rtpRange,
		dataDir: t.TempDir(), maxCalls: maxCalls, env: env}
	m.logPath = filepath.Join(m.dataDir, "reel-mcp.log")
	m.start()
	t.Cleanup(func() {
		m.kill()
		if t.Failed() {
			b, _ := os.ReadFile(m.logPath)
			t.Logf("reel-mcp :%d log (tail):\n%s", m.sip, tail(b, 3000))
		}
	})
	return m
}

func (m *mcpProc) addr() string { return "127.0.0.1:" + strconv.Itoa(m.sip) }

// owns reports whether an RTP port of an SDP answer is in this MCP's range.
func (m *mcpProc) owns(port int) bool { return port >= m.rtpMin && port < m.rtpMin+rtpRange }

// start runs the process (again, after kill) and waits for its HTTP server.
func (m *mcpProc) start() {
	m.t.Helper()
	logf, err := os.OpenFile(m.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		m.t.Fatal(err)
	}
	m.cmd = exec.Command(mcpBin, "--sip-listen", m.addr(), "--http-listen", "127.0.0.1:"+strconv.Itoa(m.http),
		"--data-dir", m.dataDir, "--config", mcpConfig)
	m.cmd.Env = append(daemonEnv(), "REEL_RTP_BIND_IP=127.0.0.1",
		"REEL_RTP_PORT_MIN="+strconv.Itoa(m.rtpMin), "REEL_RTP_PORT_MAX="+strconv.Itoa(m.rtpMin+rtpRange-1),
		"REEL_CAPACITY_MAX_CALLS="+strconv.Itoa(m.maxCalls), "REEL_CAPACITY_DRAIN_TIMEOUT=5s", "REEL_CAPACITY_MIN_FREE_MB=0",
		"REEL_RECORDING_FORMATS=wav-pcmu", "REEL_LOG_LEVEL=info")
	m.cmd.Env = append(m.cmd.Env, m.env...)
	m.cmd.Stdout, m.cmd.Stderr = logf, logf
	if err := m.cmd.Start(); err != nil {
		m.t.Fatal(err)
	}
	m.exited = make(chan error, 1)
	go func() { m.exited <- m.cmd.Wait(); logf.Close() }()
	m.waitReady()
}

func (m *mcpProc) waitReady() {
	m.t.Helper()
	url := "http://127.0.0.1:" + strconv.Itoa(m.http) + "/readyz"
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	m.t.Fatalf("reel-mcp %s not ready after 10 s", m.addr())
}

// kill sends SIGKILL and waits for the process; a second call does nothing.
func (m *mcpProc) kill() {
	if m.cmd == nil || m.cmd.Process == nil {
		return
	}
	_ = m.cmd.Process.Signal(syscall.SIGKILL)
	<-m.exited
	m.cmd = nil
}

// term sends SIGTERM (the MCP drains) without waiting.
func (m *mcpProc) term() {
	if err := m.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		m.t.Fatal(err)
	}
}

// wait returns the process's exit error once it has exited (nil: status 0).
func (m *mcpProc) wait(d time.Duration) error {
	select {
	case err := <-m.exited:
		m.cmd = nil
		return err
	case <-time.After(d):
		return fmt.Errorf("reel-mcp %s still running after %s", m.addr(), d)
	}
}

// freePort returns a port free for both UDP and TCP on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	for range 50 {
		u, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		port := u.LocalAddr().(*net.UDPAddr).Port
		l, err := net.Listen("tcp4", "127.0.0.1:"+strconv.Itoa(port))
		u.Close()
		if err == nil {
			l.Close()
			return port
		}
	}
	t.Fatal("no port free for UDP and TCP")
	return 0
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
