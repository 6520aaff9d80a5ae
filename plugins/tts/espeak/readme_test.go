package espeak

import (
	"encoding/json"
	"testing"

	"github.com/reel-project/reel/plugins/internal/plugintest"
)

// TestEveryREADMEExampleParses keeps the README's configuration examples
// valid: each plugins entry's config block must pass ParseConfig.
func TestEveryREADMEExampleParses(t *testing.T) {
	plugintest.READMEPluginEntriesParse(t, func(raw json.RawMessage) error {
		_, err := ParseConfig(raw)
		return err
	})
}
