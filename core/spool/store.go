package spool

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// writeAtomic replaces path with data: a temp file in the same folder,
// fsync, rename, fsync of the folder. Readers see the old or the new
// content, never a mix, and after a crash one of them survives whole.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("spool: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("spool: %w", err)
	}
	return syncDir(dir)
}

// syncDir makes the entries of dir (creations, renames, removals) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	err = d.Sync()
	return errors.Join(err, d.Close())
}

// writeRecord stores j as <dir>/<id>.json.
func writeRecord(path string, j *Job) error {
	j.Version = recordVersion
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return fmt.Errorf("spool: encode job %s: %w", j.ID, err)
	}
	return writeAtomic(path, append(b, '\n'))
}

// readRecord loads a job record. An unreadable one is ErrCorrupt; a
// missing one is fs.ErrNotExist.
func readRecord(path string) (Job, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Job{}, fmt.Errorf("spool: %w", err)
	}
	var j Job
	if err := json.Unmarshal(b, &j); err != nil {
		return Job{}, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	id := strings.TrimSuffix(filepath.Base(path), recordExt)
	if j.ID != id || j.Version != recordVersion || checkName("recording id", j.ID) != nil {
		return Job{}, fmt.Errorf("%w: %s: id %q, version %d", ErrCorrupt, path, j.ID, j.Version)
	}
	return j, nil
}

// moveRecord renames a record from one folder to another and syncs both.
func moveRecord(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	return errors.Join(syncDir(filepath.Dir(to)), syncDir(filepath.Dir(from)))
}

// moveFile moves a file into the spool: a rename, or across file systems
// a copy that is fsynced before the original is removed.
func moveFile(from, to string) error {
	err := os.Rename(from, to)
	if errors.Is(err, syscall.EXDEV) {
		err = copyFile(from, to)
	}
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	return errors.Join(syncDir(filepath.Dir(to)), syncDir(filepath.Dir(from)))
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	_, cerr := io.Copy(out, in)
	if err := errors.Join(cerr, out.Sync(), out.Close()); err != nil {
		os.Remove(to)
		return err
	}
	return os.Remove(from)
}

// freeName returns a path in dir for name that does not exist yet
// (name, name.1, name.2, ...).
func freeName(dir, name string) string {
	p := filepath.Join(dir, name)
	for i := 1; exists(p); i++ {
		p = filepath.Join(dir, fmt.Sprintf("%s.%d", name, i))
	}
	return p
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
