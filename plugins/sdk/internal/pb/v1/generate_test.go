package pluginv1

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// protocLine is the generated header line naming protoc's version, the one
// line another protoc release changes without changing the code.
var protocLine = regexp.MustCompile(`(?m)^//\s+(-\s+)?protoc\s+v\S+$`)

// TestGeneratedCodeIsCurrent regenerates the code with scripts/proto.sh
// into a temp dir and compares: edit a .proto, run `make proto`, commit both.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs protoc and the pinned generators")
	}
	if _, err := exec.LookPath("protoc"); err != nil {
		t.Fatal("protoc not found: install Debian's protobuf-compiler (make deps)")
	}
	root, err := filepath.Abs("../../../../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	cmd := exec.Command("bash", filepath.Join(root, "scripts/proto.sh"), tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/proto.sh: %v\n%s", err, out)
	}
	fresh := filepath.Join(tmp, "plugins/sdk/internal/pb/v1")
	compareDirs(t, fresh, ".")
}

func compareDirs(t *testing.T, fresh, committed string) {
	t.Helper()
	want, _ := filepath.Glob(filepath.Join(fresh, "*.pb.go"))
	have, _ := filepath.Glob(filepath.Join(committed, "*.pb.go"))
	if !slices.Equal(baseNames(want), baseNames(have)) {
		t.Fatalf("generated files %v, committed %v: run make proto", baseNames(want), baseNames(have))
	}
	for _, name := range baseNames(want) {
		a, errA := os.ReadFile(filepath.Join(fresh, name))
		b, errB := os.ReadFile(filepath.Join(committed, name))
		if errA != nil || errB != nil {
			t.Fatalf("reading %s: %v %v", name, errA, errB)
		}
		if !bytes.Equal(protocLine.ReplaceAll(a, nil), protocLine.ReplaceAll(b, nil)) {
			t.Errorf("%s is stale: run make proto and commit the result", name)
		}
	}
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}
