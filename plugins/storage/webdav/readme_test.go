package webdav

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestEveryREADMEExampleParses keeps the README's configuration examples
// valid.
func TestEveryREADMEExampleParses(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no json example")
	}
	for _, b := range blocks {
		if _, err := ParseConfig(json.RawMessage(b[1])); err != nil {
			t.Errorf("README example %s: %v", b[1], err)
		}
	}
}
