package localdir

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// writeFile writes r to a temp file beside path and hard-links it to path,
// so that path appears only complete and never replaces another file. The
// temp name (.<name>.partial-*) matches no media or .json pattern. It
// returns an error matching fs.ErrExist when path appeared meanwhile.
func writeFile(path string, r io.Reader, fsync bool) error {
	tmp, err := fillTemp(path, r, fsync)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		return err
	}
	return maybeSyncDir(filepath.Dir(path), fsync)
}

// replaceFile writes data to path atomically (temp file, rename): for
// documents, which a newer version may replace.
func replaceFile(path string, data []byte, fsync bool) error {
	tmp, err := fillTemp(path, bytes.NewReader(data), fsync)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return maybeSyncDir(filepath.Dir(path), fsync)
}

// fillTemp creates a temp file beside path holding r's content.
func fillTemp(path string, r io.Reader, fsync bool) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(f, r)
	if err == nil && fsync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

func maybeSyncDir(dir string, fsync bool) error {
	if !fsync {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
