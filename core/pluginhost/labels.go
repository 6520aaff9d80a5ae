package pluginhost

import (
	"encoding/json"

	"github.com/reel-project/reel/core/recmeta"
)

// labels reads the labels of the file called name from the recording's
// metadata document (recmeta.Document.Labels). A document of another
// shape gives none.
func labels(doc json.RawMessage, name string) map[string]string {
	d, err := recmeta.Parse(doc)
	if err != nil {
		return nil
	}
	return d.Labels(name)
}
