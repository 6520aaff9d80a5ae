package app_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/reel-project/reel/rm/config"
)

// TestSippCallsThroughTheRM drives reel-rm with sipp, a real external UAC,
// over UDP and TCP, towards two real reel-mcp processes.
func TestSippCallsThroughTheRM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts sipp and reel-mcp processes")
	}
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatal("sipp not installed (Debian sip-tester; make deps installs it)")
	}
	mcps := []*mcpProc{startMCP(t), startMCP(t)}
	r := startRM(t, config.PolicyLeastCalls, mcps, []int{100, 100}, nil)
	scenario, _ := filepath.Abs("testdata/sipp/uac.xml")
	for _, tr := range []string{"u1", "t1"} {
		t.Run("transport "+tr, func(t *testing.T) {
			runSipp(t, sipp, r, scenario, "-s", "sipp-"+tr, "-t", tr, "-m", "10", "-l", "5", "-r", "20")
		})
	}
	waitIdle(t, r)
	rep := r.report(t)
	var sent uint64
	for _, m := range rep.Groups[0].MCPs {
		sent += m.Invites
	}
	if sent != 20 {
		t.Errorf("the RM sent %d INVITEs to MCPs, want 20", sent)
	}
}

// TestSIPRECSessionsThroughTheRM: SIPREC recording sessions (no msml= or
// record= id) each go to one MCP and count as calls there; their
// re-INVITEs (all streams inactive) and BYEs reach that MCP, else it
// would answer 481 and sipp fail.
func TestSIPRECSessionsThroughTheRM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts sipp and reel-mcp processes")
	}
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatal("sipp not installed (Debian sip-tester; make deps installs it)")
	}
	mcps := []*mcpProc{startMCP(t), startMCP(t)}
	r := startRM(t, config.PolicyLeastCalls, mcps, []int{100, 100}, nil)
	scenario, _ := filepath.Abs("testdata/sipp/siprec.xml")
	runSipp(t, sipp, r, scenario, "-m", "4", "-l", "4", "-r", "10")
	waitIdle(t, r)
	var sent uint64
	for _, m := range r.report(t).Groups[0].MCPs {
		sent += m.Invites
	}
	if sent != 4 {
		t.Errorf("the RM sent %d initial INVITEs to MCPs, want 4", sent)
	}
}

// runSipp runs scenario against the RM with the given sipp arguments (calls,
// rate, transport) and fails the test when sipp does.
func runSipp(t *testing.T, sipp string, r *testRM, scenario string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dir := t.TempDir()
	args = append([]string{r.sip, "-sf", scenario, "-i", "127.0.0.1", "-p", strconv.Itoa(freePort(t)),
		"-mi", "127.0.0.1", "-mp", strconv.Itoa(freePort(t)), "-timeout", "30s", "-timeout_error",
		"-nostdin", "-trace_err", "-error_file", filepath.Join(dir, "err.log")}, args...)
	cmd := exec.CommandContext(ctx, sipp, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sipp failed: %v\n%s", err, tail(out, 3000))
	}
}
