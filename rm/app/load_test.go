package app_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSippLoadThroughRM measures INVITE transactions per second through one
// reel-rm process and the latency it adds: sipp's default UAC scenario
// (INVITE, ACK, BYE) at REEL_RM_LOAD_RATE calls/s (default 1000) for
// REEL_RM_LOAD_CALLS calls (default 20000), first straight to a sipp UAS,
// then through reel-rm; it logs the achieved rate and the p50/p99 of
// sipp's INVITE→200 response time for both. It runs only with
// REEL_RM_LOAD=1:
//
//	REEL_RM_LOAD=1 go test ./rm/app/ -run TestSippLoadThroughRM -v -count=1
func TestSippLoadThroughRM(t *testing.T) {
	if os.Getenv("REEL_RM_LOAD") != "1" {
		t.Skip("load benchmark: set REEL_RM_LOAD=1")
	}
	rate, calls := envInt("REEL_RM_LOAD_RATE", 1000), envInt("REEL_RM_LOAD_CALLS", 20000)
	dir := t.TempDir()
	uas := freePort(t)
	startProc(t, dir, "sipp-uas.log", nil, "sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", strconv.Itoa(uas), "-nostdin")
	rmBin := filepath.Join(dir, "reel-rm")
	if out, err := exec.Command("go", "build", "-o", rmBin, "github.com/reel-project/reel/cmd/reel-rm").CombinedOutput(); err != nil {
		t.Fatalf("build reel-rm: %v\n%s", err, out)
	}
	rmPort := freePort(t)
	// sipp's UAS does not answer OPTIONS: no health checks.
	startProc(t, dir, "reel-rm.log", []string{"REEL_HEALTH_INTERVAL=0s", "REEL_LOG_LEVEL=warn"}, rmBin, "--sip-listen", "127.0.0.1:"+strconv.Itoa(rmPort),
		"--http-listen", "127.0.0.1:"+strconv.Itoa(freePort(t)), "--mcps", "127.0.0.1:"+strconv.Itoa(uas))
	time.Sleep(300 * time.Millisecond)
	direct := sippRun(t, dir, "direct", uas, rate, calls)
	via := sippRun(t, dir, "via-rm", rmPort, rate, calls)
	t.Logf("direct:  %s", direct)
	t.Logf("via RM:  %s", via)
	t.Logf("added latency: p50 %.1f ms, p99 %.1f ms", via.p50-direct.p50, via.p99-direct.p99)
}

type loadResult struct {
	rate, p50, p99 float64
	ok, failed     int
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d calls ok, %d failed, %.0f INVITE transactions/s, INVITE→200 p50 %.1f ms p99 %.1f ms",
		r.ok, r.failed, r.rate, r.p50, r.p99)
}

// sippRun runs sipp's UAC against port and reads its statistics.
func sippRun(t *testing.T, dir, name string, port, rate, calls int) loadResult {
	t.Helper()
	wd := filepath.Join(dir, name)
	_ = os.MkdirAll(wd, 0o755)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(calls/rate+120)*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sipp", "127.0.0.1:"+strconv.Itoa(port), "-sn", "uac", "-s", "msml=load",
		"-i", "127.0.0.1", "-p", strconv.Itoa(freePort(t)), "-r", strconv.Itoa(rate), "-m", strconv.Itoa(calls),
		"-l", "2000", "-trace_rtt", "-rtt_freq", "1", "-trace_stat", "-fd", "1", "-nostdin", "-timeout", "600s")
	cmd.Dir = wd
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	res := loadResult{}
	res.ok, res.failed = statCounts(t, wd)
	if err != nil && res.ok == 0 {
		t.Fatalf("sipp %s: %v\n%s", name, err, tail(out, 2000))
	}
	res.rate = float64(res.ok+res.failed) / elapsed.Seconds()
	res.p50, res.p99 = rttPercentiles(t, wd)
	return res
}

// statCounts reads the last successful/failed call counters of the stat file.
func statCounts(t *testing.T, dir string) (ok, failed int) {
	files, _ := filepath.Glob(filepath.Join(dir, "*_.csv"))
	if len(files) == 0 {
		return 0, 0
	}
	b, _ := os.ReadFile(files[0])
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	head, last := strings.Split(lines[0], ";"), strings.Split(lines[len(lines)-1], ";")
	for i, h := range head {
		if i >= len(last) {
			break
		}
		switch h {
		case "SuccessfulCall(C)":
			ok, _ = strconv.Atoi(last[i])
		case "FailedCall(C)":
			failed, _ = strconv.Atoi(last[i])
		}
	}
	return ok, failed
}

// rttPercentiles returns p50 and p99 of the response times sipp traced.
func rttPercentiles(t *testing.T, dir string) (p50, p99 float64) {
	files, _ := filepath.Glob(filepath.Join(dir, "*_rtt.csv"))
	if len(files) == 0 {
		return 0, 0
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var v []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), ";")
		if len(parts) < 2 {
			continue
		}
		if x, err := strconv.ParseFloat(parts[1], 64); err == nil {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return 0, 0
	}
	slices.Sort(v)
	return v[len(v)/2], v[len(v)*99/100]
}

// startProc runs a helper process until the test ends (SIGTERM, then wait).
func startProc(t *testing.T, dir, logName string, env []string, name string, args ...string) {
	t.Helper()
	logf, err := os.Create(filepath.Join(dir, logName))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, logf, logf
	cmd.Env = append(daemonEnv(), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		logf.Close()
	})
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// daemonEnv is the test's environment without the variables that switch
// the load tests on (REEL_RM_LOAD*): the daemons refuse REEL_* names they
// do not know.
func daemonEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "REEL_RM_LOAD") })
}
