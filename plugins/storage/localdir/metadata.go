package localdir

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/reel-project/reel/plugins/sdk"
)

// docExt ends the name of a metadata document: <file name>.json.
const docExt = ".json"

// Publish writes the document beside each media file it names, as
// <file name>.json holding the document with that file's mediaFiles entry
// only (the sidecar recording.Stop writes); a document naming no file is
// written as <recording id>.json. Rewriting is idempotent.
func (l *LocalDir) Publish(_ context.Context, doc sdk.Document) error {
	cfg, err := l.config()
	if err != nil {
		return err
	}
	parts, err := perFile(doc)
	if err != nil {
		return err
	}
	for name, body := range parts {
		path := cfg.path(sdk.Key{RecordingID: doc.RecordingID, Name: name}) + docExt
		if err := replaceFile(path, body, cfg.Fsync); err != nil {
			return fmt.Errorf("localdir: publish %s: %w", path, classify(err))
		}
	}
	return nil
}

// perFile splits doc into one document per mediaFiles entry, by mediaId.
func perFile(doc sdk.Document) (map[string][]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(doc.JSON, &top); err != nil {
		return nil, sdk.Permanent(fmt.Errorf("%w: %v", sdk.ErrInvalid, err))
	}
	var files []json.RawMessage
	_ = json.Unmarshal(top["mediaFiles"], &files)
	out := map[string][]byte{}
	for _, f := range files {
		var id struct {
			MediaID string `json:"mediaId"`
		}
		if json.Unmarshal(f, &id) != nil || (sdk.Key{RecordingID: doc.RecordingID, Name: id.MediaID}).Validate() != nil {
			return nil, fmt.Errorf("%w: mediaFiles entry without a usable mediaId", sdk.ErrInvalid)
		}
		top["mediaFiles"] = json.RawMessage("[" + string(f) + "]")
		out[id.MediaID] = indent(top)
	}
	if len(out) == 0 {
		out[doc.RecordingID] = indent(top)
	}
	return out, nil
}

// indent encodes a document as the sidecars are: indented, one final newline.
func indent(v map[string]json.RawMessage) []byte {
	b, _ := json.MarshalIndent(v, "", "  ")
	return append(b, '\n')
}
