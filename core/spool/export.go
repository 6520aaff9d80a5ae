package spool

import (
	"archive/tar"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/recmeta"
)

// Export writes a tar archive of one job to w: <id>/job.json (its record —
// or, for a quarantined record or an active recording, the raw record as it
// is on disk) and <id>/files/<name> for every file the spool holds for it.
// Progress reports bytes written of the total. A job whose profile
// encrypts (or whose record cannot be read) is refused with ErrPlaintext
// while any of its audio is not an envelope yet, unless in.Plaintext.
func (in Inspector) Export(id string, w io.Writer) error {
	if err := checkName("recording id", id); err != nil {
		return err
	}
	record, folder, err := in.exportSources(id)
	if err != nil {
		return err
	}
	files, total, err := exportFiles(folder)
	if err != nil {
		return err
	}
	if !in.Plaintext && encrypts(record) {
		if err := allEnvelopes(id, files); err != nil {
			return err
		}
	}
	total += int64(len(record))
	ex := &exporter{tw: tar.NewWriter(w), id: id, total: total, progress: in.Progress}
	if err := ex.add("job.json", record); err != nil {
		return err
	}
	for _, p := range files {
		if err := ex.addFile(p); err != nil {
			return err
		}
	}
	return ex.tw.Close()
}

// exportSources finds the record bytes and the files folder of id.
func (in Inspector) exportSources(id string) ([]byte, string, error) {
	l := layout{in.Dir}
	candidates := []struct{ record, folder string }{
		{l.record(dirJobs, id), l.filesOf(id)},
		{l.record(dirDead, id), l.filesOf(id)},
		{l.record(dirDone, id), l.filesOf(id)},
		{l.corrupt(id + recordExt), l.filesOf(id)},
		{l.activeRecord(id), l.activeOf(id)},
	}
	for _, c := range candidates {
		b, err := os.ReadFile(c.record)
		if err == nil {
			return b, c.folder, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("spool: %w", err)
		}
	}
	return nil, "", fmt.Errorf("%w: %s", ErrNotFound, id)
}

// encrypts reports whether a job or active record says its profile
// encrypts; a record that cannot be read may, so it counts as one that does.
func encrypts(record []byte) bool {
	var r struct {
		Encrypt bool `json:"encrypt"`
	}
	return json.Unmarshal(record, &r) != nil || r.Encrypt
}

// allEnvelopes checks that every file of an encrypting job that may hold
// audio is a CMS envelope; metadata (.json), signatures (.p7s) and
// progress counters (.progress) hold none.
func allEnvelopes(id string, files []string) error {
	head := make([]byte, 32)
	for _, p := range files {
		switch filepath.Ext(p) {
		case ".json", ".p7s", recmeta.ProgressExt:
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("spool: %w", err)
		}
		n, _ := io.ReadFull(f, head)
		f.Close()
		if !cms.IsEnvelope(head[:n]) {
			return fmt.Errorf("%w: %s: %s (reelctl spool export --plaintext takes it anyway)", ErrPlaintext, id, filepath.Base(p))
		}
	}
	return nil
}

// exportFiles lists the regular files of folder (none if it is gone).
func exportFiles(folder string) ([]string, int64, error) {
	ents, err := os.ReadDir(folder)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("spool: %w", err)
	}
	var paths []string
	var total int64
	for _, e := range ents {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		paths = append(paths, filepath.Join(folder, e.Name()))
		total += info.Size()
	}
	return paths, total, nil
}

// exporter writes the archive and counts the bytes for Progress.
type exporter struct {
	tw          *tar.Writer
	id          string
	done, total int64
	progress    func(Progress)
}

func (ex *exporter) add(name string, b []byte) error {
	hdr := &tar.Header{Name: ex.id + "/" + name, Mode: 0o640, Size: int64(len(b)), Typeflag: tar.TypeReg}
	if err := ex.tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("spool: export: %w", err)
	}
	if _, err := ex.Write(b); err != nil {
		return fmt.Errorf("spool: export: %w", err)
	}
	return nil
}

func (ex *exporter) addFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("spool: export: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("spool: export: %w", err)
	}
	hdr, err := tar.FileInfoHeader(info, "")
	if err != nil {
		return fmt.Errorf("spool: export: %w", err)
	}
	hdr.Name, hdr.Uname, hdr.Gname = ex.id+"/files/"+info.Name(), "", ""
	if err := ex.tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("spool: export: %w", err)
	}
	if _, err := io.CopyN(ex, f, info.Size()); err != nil {
		return fmt.Errorf("spool: export %s: %w", path, err)
	}
	return nil
}

// Write passes p to the archive and reports progress.
func (ex *exporter) Write(p []byte) (int, error) {
	n, err := ex.tw.Write(p)
	ex.done += int64(n)
	if ex.progress != nil {
		ex.progress(Progress{Op: "export", ID: ex.id, Done: ex.done, Total: ex.total})
	}
	return n, err
}

// Export writes a tar archive of one job; see Inspector.Export.
func (s *Spool) Export(id string, w io.Writer) error { return s.insp.Export(id, w) }
