package sdk_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestSDKImportsNoCorePackage keeps the SDK free of the server: plugins
// built on it must not link core, codecs, msml or rm.
func TestSDKImportsNoCorePackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-test", "github.com/reel-project/reel/plugins/sdk/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	const mod = "github.com/reel-project/reel/"
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"core", "codecs", "msml", "rm"} {
			if pkg == mod+banned || strings.HasPrefix(pkg, mod+banned+"/") {
				t.Errorf("plugins/sdk depends on %s", pkg)
			}
		}
	}
}
