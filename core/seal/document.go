package seal

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/reel-project/reel/core/manifest"
)

// document is the metadata document (docs/wire.md §5) kept as raw JSON, so
// fields this package does not know pass through unchanged.
type document struct {
	top   map[string]json.RawMessage
	files []map[string]json.RawMessage
}

func parseDocument(raw []byte) (*document, error) {
	d := &document{top: map[string]json.RawMessage{}}
	if len(raw) == 0 {
		return d, nil
	}
	if err := json.Unmarshal(raw, &d.top); err != nil {
		return nil, fmt.Errorf("metadata document: %w", err)
	}
	if m, ok := d.top["mediaFiles"]; ok {
		if err := json.Unmarshal(m, &d.files); err != nil {
			return nil, fmt.Errorf("metadata document: mediaFiles: %w", err)
		}
	}
	return d, nil
}

// str reads a string field of a raw object ("" when absent or not a string).
func str(obj map[string]json.RawMessage, key string) string {
	var s string
	_ = json.Unmarshal(obj[key], &s)
	return s
}

// profile is the recording's profile: the first media file's ivrprofile.
func (d *document) profile(def string) string {
	for _, f := range d.files {
		if p := str(f, "ivrprofile"); p != "" {
			return p
		}
	}
	return def
}

// events is the document's event history.
func (d *document) events() []manifest.Event {
	var ev []manifest.Event
	_ = json.Unmarshal(d.top["eventHistory"], &ev)
	return ev
}

// times returns a media file's start and stop as the document has them.
func (d *document) times(name string) (start, stop string) {
	for _, f := range d.files {
		if str(f, "mediaId") == name {
			return str(f, "startTime"), str(f, "stopTime")
		}
	}
	return "", ""
}

// describe returns the document with each stored media file's size and
// SHA-256 and, when encrypted, mediaDescriptor.encryption.
func (d *document) describe(stored []storedFile, enc *manifest.Encryption) []byte {
	if len(d.top) == 0 {
		return nil
	}
	for _, f := range d.files {
		for _, s := range stored {
			if str(f, "mediaId") == s.name {
				f["size"] = mustJSON(strconv.FormatInt(s.size, 10))
				f["mediaDescriptor"] = descriptor(f["mediaDescriptor"], s, enc)
			}
		}
	}
	d.top["mediaFiles"] = mustJSON(d.files)
	return mustJSON(d.top)
}

// encryptionJSON is mediaDescriptor.encryption: wire.md's format and
// certificate (the first), and every recipient's fingerprint.
type encryptionJSON struct {
	Format       string   `json:"format"`
	Certificate  string   `json:"certificate"`
	Certificates []string `json:"certificates"`
	Cipher       string   `json:"cipher"`
}

func descriptor(raw json.RawMessage, s storedFile, enc *manifest.Encryption) json.RawMessage {
	desc := map[string]json.RawMessage{}
	_ = json.Unmarshal(raw, &desc)
	desc["sha256"] = mustJSON(s.sha256)
	if enc != nil {
		desc["encryption"] = mustJSON(encryptionJSON{Format: enc.Format, Certificate: enc.Certificates[0],
			Certificates: enc.Certificates, Cipher: enc.Cipher})
	}
	return mustJSON(desc)
}

// mustJSON encodes values that cannot fail to encode (strings, maps of raw
// JSON, plain structs).
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("seal: encode %T: %v", v, err))
	}
	return b
}
