//go:build cgo

package lame

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildWithoutCGO vets this package with CGO_ENABLED=0 and runs TestNoCGO
// in that build, so the !cgo files keep compiling and keep failing loudly.
func TestBuildWithoutCGO(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package again; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go command not on PATH")
	}
	for _, args := range [][]string{{"vet", "."}, {"test", "-count=1", "-run", "^TestNoCGO$", "-v", "."}} {
		cmd := exec.Command(gobin, args...)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("CGO_ENABLED=0 go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if args[0] == "test" && !strings.Contains(string(out), "--- PASS: TestNoCGO") {
			t.Fatalf("TestNoCGO did not run:\n%s", out)
		}
	}
}
