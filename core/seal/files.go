package seal

import (
	"bufio"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/reel-project/reel/core/cms"
	"github.com/reel-project/reel/core/spool"
)

// ioBuf is the writer's buffer: with the cms.Writer's own 32 KB, a file
// being encrypted holds about 100 KB (BenchmarkEncryptFile measures it).
const ioBuf = 32 << 10

// encryptInPlace writes path's envelope beside it, fsyncs it and renames
// it over the plaintext, then fsyncs the folder: a crash leaves either the
// plaintext (and a partial temporary file, overwritten next time) or the
// envelope, never neither. A file that already is an envelope (a crash
// after the rename) is left alone.
func encryptInPlace(path string, certs []*x509.Certificate, opt cms.Options) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	done, err := isEnvelope(in)
	if done || err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".cms-tmp")
	if err := writeEnvelope(tmp, in, st.Size(), certs, opt); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// keepPlain hard-links the plaintext at path to plain before it is
// encrypted (no copy; the link keeps the plaintext when the envelope is
// renamed over path). An existing link is kept: after a crash it may be
// all that is left of the plaintext.
func keepPlain(path, plain string) error {
	if _, err := os.Stat(plain); err == nil {
		return nil
	}
	if err := os.Link(path, plain); err != nil {
		return err
	}
	return syncDir(filepath.Dir(plain))
}

// isEnvelope reads the start of the file and rewinds it.
func isEnvelope(f *os.File) (bool, error) {
	head := make([]byte, 32)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false, err
	}
	return cms.IsEnvelope(head[:n]), nil
}

func writeEnvelope(tmp string, in io.Reader, size int64, certs []*x509.Certificate, opt cms.Options) error {
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, ioBuf)
	err = cms.Encrypt(bw, in, size, certs, opt)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	return errors.Join(err, out.Close())
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// storedFile is a file as it will be stored: its size and SHA-256.
type storedFile struct {
	name   string
	size   int64
	sha256 string
}

func storedFiles(files []spool.FileRef) ([]storedFile, error) {
	out := make([]storedFile, 0, len(files))
	buf := make([]byte, ioBuf)
	for _, f := range files {
		in, err := os.Open(f.Path)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n, err := io.CopyBuffer(h, struct{ io.Reader }{in}, buf)
		in.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, storedFile{name: f.Name, size: n, sha256: hex.EncodeToString(h.Sum(nil))})
	}
	return out, nil
}
