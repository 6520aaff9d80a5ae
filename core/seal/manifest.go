package seal

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/reel-project/reel/core/manifest"
	"github.com/reel-project/reel/core/spool"
)

// addManifest seals the recording's manifest into the node's chain and adds
// it and its signature to the job's files. A manifest an interrupted seal
// already wrote is kept (and the chain told), so a recording never takes
// two links.
func (s *Sealer) addManifest(j *spool.SealJob, doc *document, stored []storedFile, enc *manifest.Encryption) error {
	mPath := filepath.Join(j.Dir, manifest.FileName(j.ID))
	sPath := filepath.Join(j.Dir, manifest.SignatureName(j.ID))
	data, err := os.ReadFile(mPath) // written last: its presence means both are complete
	switch {
	case err == nil:
		if err := s.Chain.Adopt(data); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist):
		m := manifest.Manifest{RecordingID: j.ID, Encryption: enc, Events: doc.events()}
		for _, f := range stored {
			start, stop := doc.times(f.name)
			m.Files = append(m.Files, manifest.File{Name: f.name, Size: f.size, SHA256: f.sha256, Start: start, Stop: stop})
		}
		err := s.Chain.Seal(m, s.Now(), func(data, sig []byte) error {
			return errors.Join(writeDurable(sPath, sig), writeDurable(mPath, data), syncDir(j.Dir))
		})
		if err != nil {
			return err
		}
	default:
		return err
	}
	j.Files = append(j.Files,
		spool.FileRef{Name: manifest.FileName(j.ID), ContentType: "application/json"},
		spool.FileRef{Name: manifest.SignatureName(j.ID), ContentType: "application/pkcs7-signature"})
	return nil
}

// writeDurable writes a whole file under a temporary name, fsyncs it and
// renames it into place.
func writeDurable(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	_, err = bytes.NewReader(data).WriteTo(f)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
