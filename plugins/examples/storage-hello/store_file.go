package main

import (
	"io"
	"os"
	"path/filepath"
)

// writeFile writes r to a temp file beside path and hard-links it to path,
// so that path appears only complete and never replaces another file
// (os.Rename would overwrite a concurrent Put's). It returns an error
// matching fs.ErrExist when path appeared meanwhile, and r's error as it is
// when the stream broke.
func writeFile(path string, r io.Reader, fsync bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fill(tmp, r, fsync); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		return err
	}
	if fsync {
		return syncDir(dir)
	}
	return nil
}

// fill copies r into f, flushes it if asked, and closes it.
func fill(f *os.File, r io.Reader, fsync bool) error {
	_, err := io.Copy(f, r)
	if err == nil && fsync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
