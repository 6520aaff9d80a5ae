package seal

import (
	"strconv"

	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/core/recmeta"
)

// document is the job's metadata document (docs/wire.md §5); empty when
// the job has none.
type document struct {
	doc   recmeta.Document
	empty bool
}

func parseDocument(raw []byte) (*document, error) {
	if len(raw) == 0 {
		return &document{empty: true}, nil
	}
	d, err := recmeta.Parse(raw)
	if err != nil {
		return nil, err
	}
	return &document{doc: d}, nil
}

// profile is the recording's profile: the first media file's ivrprofile.
func (d *document) profile(def string) string {
	for _, f := range d.doc.MediaFiles {
		if f.IVRProfile != "" {
			return f.IVRProfile
		}
	}
	return def
}

// events is the document's event history.
func (d *document) events() []manifest.Event {
	ev := make([]manifest.Event, len(d.doc.EventHistory))
	for i, e := range d.doc.EventHistory {
		ev[i] = manifest.Event{Event: e.Event, Time: e.Time}
	}
	return ev
}

// times returns a media file's start and stop as the document has them.
func (d *document) times(name string) (start, stop string) {
	f, _ := d.doc.File(name)
	return f.StartTime, f.StopTime
}

// describe returns the document with each stored media file's size and
// SHA-256 and, when encrypted, mediaDescriptor.encryption.
func (d *document) describe(stored []storedFile, enc *manifest.Encryption) []byte {
	if d.empty {
		return nil
	}
	for i := range d.doc.MediaFiles {
		mf := &d.doc.MediaFiles[i]
		for _, s := range stored {
			if mf.MediaID != s.name {
				continue
			}
			mf.Size = strconv.FormatInt(s.size, 10)
			mf.MediaDescriptor.SHA256 = s.sha256
			if enc != nil {
				mf.MediaDescriptor.Encryption = &recmeta.Encryption{Format: enc.Format, Certificate: enc.Certificates[0],
					Certificates: enc.Certificates, Cipher: enc.Cipher}
			}
		}
	}
	return d.doc.JSON()
}
