package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// reelctl builds the binary once per test run, for the exit codes.
func reelctl(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "reelctl")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestHelpAndUsageExitZeroAndListTheCommands(t *testing.T) {
	bin := reelctl(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"Usage:", "calls", "spool", "rm", "load", "completion"}},
		{[]string{"-h"}, []string{"Usage:", "spool"}},
		{[]string{"--help"}, []string{"Usage:", "spool"}},
		{[]string{"help"}, []string{"Usage:", "spool"}},
		{[]string{"spool"}, []string{"list", "show", "retry", "export"}},
		{[]string{"help", "spool", "show"}, []string{"--config", "--data-dir", "--spool-dir", "--json"}},
		{[]string{"spool", "list", "--help"}, []string{"--state", "--config"}},
		{[]string{"rm"}, []string{"status"}},
		{[]string{"calls", "--help"}, []string{"--url"}},
		{[]string{"completion", "bash"}, []string{"bash completion"}},
		{[]string{"completion", "zsh"}, []string{"compdef"}},
	} {
		t.Run(strings.Join(append([]string{"reelctl"}, tc.args...), " "), func(t *testing.T) {
			out, err := exec.Command(bin, tc.args...).CombinedOutput()
			if err != nil {
				t.Fatalf("exit: %v\n%s", err, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestUnknownCommandsExitNonZeroNamingTheChoices(t *testing.T) {
	bin := reelctl(t)
	for _, args := range [][]string{{"nope"}, {"rm", "nope"}, {"spool", "nope"}, {"spool", "show"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			cmd := exec.Command(bin, args...)
			cmd.Stderr = &stderr
			if err := cmd.Run(); err == nil {
				t.Fatal("exit 0")
			}
			if !strings.HasPrefix(stderr.String(), "reelctl: ") || strings.Count(stderr.String(), "reelctl:") != 1 {
				t.Errorf("stderr %q: want one line starting reelctl:", stderr.String())
			}
		})
	}
	err := dispatch([]string{"rm", "nope"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "reelctl rm status") {
		t.Errorf("error %v, want the list of rm's commands", err)
	}
}

func TestSpoolIsFoundFromTheConfigLikeReelMCP(t *testing.T) {
	t.Setenv("REEL_CONFIG", "")
	t.Setenv("REEL_DATA_DIR", "")
	spoolDir := deadLetter(t)
	data := filepath.Dir(spoolDir)
	if err := os.Rename(spoolDir, filepath.Join(data, "spool")); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(t.TempDir(), "mcp.yaml")
	if err := os.WriteFile(conf, []byte("data_dir: "+data+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--config", conf}, {"--data-dir", data}} {
		var out bytes.Buffer
		if err := dispatch(append([]string{"spool", "list"}, args...), &out); err != nil || !strings.Contains(out.String(), "rec-1") {
			t.Errorf("spool list %v: %v\n%s", args, err, out.String())
		}
	}
	err := dispatch([]string{"spool", "list", "--data-dir", filepath.Join(data, "elsewhere")}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "no spool at "+filepath.Join(data, "elsewhere", "spool")) ||
		!strings.Contains(err.Error(), "from --data-dir") || !strings.Contains(err.Error(), "--config") {
		t.Errorf("missing spool: %v", err)
	}
}
