package app

import (
	"encoding/json"

	"github.com/reel-project/reel/core/recording"
)

// withRP adds a profile's rp parameters to every file of the document as
// rp.<key>; a document of another shape is returned unchanged.
func withRP(doc json.RawMessage, rp map[string]string) json.RawMessage {
	if len(rp) == 0 {
		return doc
	}
	var d recording.Document
	if json.Unmarshal(doc, &d) != nil {
		return doc
	}
	for i := range d.MediaFiles {
		if d.MediaFiles[i].Parameters == nil {
			d.MediaFiles[i].Parameters = map[string]string{}
		}
		for k, v := range rp {
			d.MediaFiles[i].Parameters["rp."+k] = v
		}
	}
	b, err := json.Marshal(d)
	if err != nil {
		return doc
	}
	return b
}
