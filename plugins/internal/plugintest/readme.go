package plugintest

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"
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

// READMEPluginEntriesParse fails t unless README.md in the working
// directory has a yaml example of reel-mcp's plugins list and parse accepts
// the config of every entry in every example.
func READMEPluginEntriesParse(t testing.TB, parse func(json.RawMessage) error) {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no yaml example")
	}
	for _, b := range blocks {
		var doc struct {
			Plugins []struct {
				Config map[string]any `yaml:"config"`
			} `yaml:"plugins"`
		}
		if err := yaml.Unmarshal(b[1], &doc); err != nil || len(doc.Plugins) == 0 {
			t.Fatalf("README example %s: %v", b[1], err)
		}
		for _, p := range doc.Plugins {
			raw, _ := json.Marshal(p.Config)
			if err := parse(raw); err != nil {
				t.Errorf("README example %s: %v", b[1], err)
			}
		}
	}
}
