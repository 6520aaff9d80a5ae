package recindex

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/spool"
)

// batch is how many recordings one rebuild transaction writes.
const batch = 1000

// OpenOrRebuild opens the index at path; when the file is missing it
// builds it first from the spool's job records (spoolDir) and the sidecars
// in recordingDir, and reports how many recordings it indexed (0 when the
// file was there).
func OpenOrRebuild(path, spoolDir, recordingDir string) (*Index, int, error) {
	_, statErr := os.Stat(path)
	x, err := Open(path)
	if err != nil || !errors.Is(statErr, fs.ErrNotExist) {
		return x, 0, err
	}
	n, err := x.Rebuild(spoolDir, recordingDir)
	if err != nil {
		_ = x.Close()
		_ = os.Remove(path) // half built: the next start tries again
		return nil, 0, err
	}
	return x, n, nil
}

// Rebuild indexes every job record of the spool, then every recording in
// recordingDir whose sidecars (<file>.json) no job record accounts for.
func (x *Index) Rebuild(spoolDir, recordingDir string) (int, error) {
	seen := map[string]bool{} // media ids of the jobs
	jobs, err := spool.Inspector{Dir: spoolDir}.List(spool.Filter{})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("recindex: rebuild: %w", err)
	}
	var pending []Detail
	for _, s := range jobs {
		j, err := spool.Inspector{Dir: spoolDir}.Show(s.ID)
		if err != nil {
			continue // active, orphan or corrupt: no record to index
		}
		d := FromJob(j)
		for _, f := range d.Files {
			seen[f] = true
		}
		pending = append(pending, d)
	}
	side, err := sidecars(recordingDir, seen)
	if err != nil {
		return 0, err
	}
	pending = append(pending, side...)
	for i := 0; i < len(pending); i += batch {
		if err := x.Put(pending[i:min(i+batch, len(pending))]...); err != nil {
			return 0, fmt.Errorf("recindex: rebuild: %w", err)
		}
	}
	return len(pending), nil
}

// sidecars reads the sidecars of dir not in seen and merges them by
// recording (document id and start time). A recording known only this way
// is indexed under its first file's media id without the extension.
func sidecars(dir string, seen map[string]bool) ([]Detail, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	groups := map[string][]recmeta.Document{}
	var order []string
	for _, p := range names {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // removed while we read
		}
		doc, err := recmeta.Parse(b)
		if err != nil || len(doc.MediaFiles) == 0 || seen[doc.MediaFiles[0].MediaID] {
			continue
		}
		key := doc.ID + "\x00" + doc.StartTime
		if groups[key] == nil {
			order = append(order, key)
		}
		groups[key] = append(groups[key], doc)
	}
	out := make([]Detail, 0, len(order))
	for _, k := range order {
		doc := recmeta.Merge(groups[k]...)
		id := strings.TrimSuffix(doc.MediaFiles[0].MediaID, filepath.Ext(doc.MediaFiles[0].MediaID))
		out = append(out, FromDocument(id, StateIndexed, doc))
	}
	return out, nil
}
