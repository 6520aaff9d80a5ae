package webdav

import (
	"encoding/json"
	"testing"

	"github.com/reel-project/reel/plugins/internal/plugintest"
)

// TestEveryREADMEExampleParses keeps the README's configuration examples
// valid.
func TestEveryREADMEExampleParses(t *testing.T) {
	plugintest.READMEExamplesParse(t, func(raw json.RawMessage) error {
		_, err := ParseConfig(raw)
		return err
	})
}
