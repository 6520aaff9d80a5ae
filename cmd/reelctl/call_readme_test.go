package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/harness/ports"
)

// readmeCommands returns the commands of the README's "Your first
// recording" section: the lines of its first sh block.
func readmeCommands(t *testing.T, readme string) []string {
	t.Helper()
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## Your first recording\n")
	_, block, ok2 := strings.Cut(sec, "```sh\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no sh block under \"## Your first recording\"")
	}
	return strings.Fields(strings.ReplaceAll(strings.TrimSpace(block), "\n", " ; "))
}

// clone makes a clean clone of the repository this test runs in.
func clone(t *testing.T) string {
	t.Helper()
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "reel")
	if out, err := exec.Command("git", "clone", "--quiet", strings.TrimSpace(string(top)), dir).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	return dir
}

func TestTheREADMEsFirstRecordingFromACleanClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a clone and runs both daemons")
	}
	dir := clone(t)
	cmds := readmeCommands(t, filepath.Join(dir, "README.md"))
	if strings.Join(cmds, " ") != "make run ; make call" {
		t.Fatalf("README's first recording is %q; this test runs make run, then make call", cmds)
	}
	p := make([]int, 4)
	for i := range p {
		_, port, _ := net.SplitHostPort(ports.Free(t))
		p[i], _ = strconv.Atoi(port)
	}
	vars := []string{fmt.Sprintf("RM_PORT=%d", p[0]), fmt.Sprintf("SIP_PORT=%d", p[1]), fmt.Sprintf("HTTP_PORT=%d", p[2]),
		fmt.Sprintf("RM_HTTP_PORT=%d", p[3]), "BIND_IP=127.0.0.1", "MEDIA_IP=127.0.0.1", "DATA_DIR=" + filepath.Join(dir, "data")}
	run := exec.Command("make", append([]string{"run"}, vars...)...)
	run.Dir, run.Env = dir, append(os.Environ(), "REEL_RTP_BIND_IP=127.0.0.1")
	run.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	banner, exited := startAndWaitFor(t, run, "Ctrl-C stops both.")
	hint := regexp.MustCompile(`first one:\s+(make call[^(]*)`).FindStringSubmatch(banner)
	if hint == nil || !strings.Contains(banner, fmt.Sprintf("127.0.0.1:%d (send calls here)", p[0])) {
		t.Fatalf("banner:\n%s", banner)
	}
	call := exec.Command("sh", "-c", hint[1])
	call.Dir = dir
	out, err := call.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", hint[1], err, out)
	}
	checkCallOutput(t, string(out), p[0])
	_ = syscall.Kill(-run.Process.Pid, syscall.SIGINT) // Ctrl-C
	select {
	case <-exited:
	case <-time.After(time.Minute):
		t.Fatal("make run did not stop within a minute of Ctrl-C")
	}
	checkPortsFree(t, p)
}

// checkCallOutput checks each line make call must print.
func checkCallOutput(t *testing.T, out string, rmPort int) {
	t.Helper()
	for _, re := range []string{
		fmt.Sprintf(`(?m)^Request-URI \(leg 1\): sip:msml=first-[0-9a-f]+@127\.0\.0\.1:%d;dn=7001;record$`, rmPort),
		`(?m)^MSML dialogstart on leg 1: 200 \[conf:first-[0-9a-f]+/dialog:rec\]$`,
		`(?m)^recording while the call runs: data/spool/active/[0-9a-f]+/$`,
		`(?m)^  [0-9A-F]{16}_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d-[0-9a-f]{8}-[0-9a-f]{8}-\d{8}\.mp3$`,
		`(?m)^delivered \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:$`,
		`(?m)^  data/recordings/[0-9A-F]{16}_\S+\.mp3  \(storage/localdir\)$`,
		`(?m)^sidecar data/recordings/\S+\.mp3\.json$`,
		`(?m)^completeness: \d+ ms long, \d+ of \d+ packets received, 0 lost, .* ended by terminate$`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("make call printed no line matching %s:\n%s", re, out)
		}
	}
}

// startAndWaitFor starts cmd and returns its output up to the line holding
// want (the rest is discarded) and a channel closed when cmd exited.
func startAndWaitFor(t *testing.T, cmd *exec.Cmd, want string) (string, <-chan struct{}) {
	t.Helper()
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); pw.Close(); close(exited) }()
	found := make(chan string, 1)
	go func() {
		var b strings.Builder
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), want) {
				found <- b.String()
				_, _ = io.Copy(io.Discard, pr)
				return
			}
		}
		found <- b.String()
	}()
	select {
	case out := <-found:
		if !strings.Contains(out, want) {
			t.Fatalf("%s ended without %q:\n%s", cmd, want, out)
		}
		return out, exited
	case <-time.After(5 * time.Minute):
		t.Fatalf("%s: no %q in 5 minutes", cmd, want)
	}
	return "", nil
}

// checkPortsFree fails when anything still listens on the ports: a daemon
// that outlived the script.
func checkPortsFree(t *testing.T, list []int) {
	t.Helper()
	for _, p := range list {
		l, err := ports.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			t.Errorf("port %d still taken after make run stopped: %v", p, err)
			continue
		}
		l.Close()
	}
}
