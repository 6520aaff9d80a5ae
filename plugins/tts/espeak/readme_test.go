package espeak

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestEveryREADMEExampleParses keeps the README's configuration examples
// valid: each plugins entry's config block must pass ParseConfig.
func TestEveryREADMEExampleParses(t *testing.T) {
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
			if _, err := ParseConfig(raw); err != nil {
				t.Errorf("README example %s: %v", b[1], err)
			}
		}
	}
}
