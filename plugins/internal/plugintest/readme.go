package plugintest

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// READMEExamplesParse fails t unless README.md in the working directory (the
// plugin's folder) has a json example and parse accepts every one: it keeps
// the configuration examples authors copy valid.
func READMEExamplesParse(t testing.TB, parse func(json.RawMessage) error) {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no json example")
	}
	for _, b := range blocks {
		if err := parse(json.RawMessage(b[1])); err != nil {
			t.Errorf("README example %s: %v", b[1], err)
		}
	}
}
