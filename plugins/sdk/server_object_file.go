package sdk

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// localFile yields the content of an object whose header named a file on
// this machine (local_path) instead of sending chunks. It checks the size
// the header promised, at open and while reading, but not the SHA-256: the
// bytes cross no channel, and the host's spool hashed the file when it
// wrote it (docs/decisions/0025-local-file-delivery.md). A read after the
// stream's context ended fails with the context's error. It is not safe for
// concurrent use, except stop.
type localFile struct {
	ctx  context.Context
	f    *os.File
	path string
	want int64
	left int64 // bytes still to yield
	err  error // sticky: io.EOF, a mismatch, the context's or a read error
}

// localCopyStep is how much WriteTo copies between two looks at the context.
const localCopyStep = 1 << 20

// openLocalFile opens path for obj: an absolute path of a regular file of
// exactly obj.Size bytes, else ErrInvalid or (another size) ErrMismatch.
func openLocalFile(ctx context.Context, obj Object, path string) (*localFile, error) {
	if !filepath.IsAbs(path) {
		return nil, fmt.Errorf("%w: local_path %q is not absolute", ErrInvalid, path)
	}
	// Stat first: opening a FIFO would wait for a writer.
	if err := checkLocalFile(path, os.Stat, obj.Size); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: local_path: %w", ErrInvalid, err)
	}
	stat := func(string) (os.FileInfo, error) { return f.Stat() }
	if err := checkLocalFile(path, stat, obj.Size); err != nil {
		_ = f.Close()
		return nil, err
	}
	return &localFile{ctx: ctx, f: f, path: path, want: obj.Size, left: obj.Size}, nil
}

func checkLocalFile(path string, stat func(string) (os.FileInfo, error), size int64) error {
	st, err := stat(path)
	switch {
	case err != nil:
		return fmt.Errorf("%w: local_path: %w", ErrInvalid, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%w: local_path %q is %s, not a regular file", ErrInvalid, path, fileType(st.Mode()))
	case st.Size() != size:
		return fmt.Errorf("%w: local_path %q has %d bytes, the header says %d", ErrMismatch, path, st.Size(), size)
	}
	return nil
}

func fileType(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "of mode " + m.Type().String()
}

// stop closes the file; safe to call more than once.
func (l *localFile) stop() { _ = l.f.Close() }

func (l *localFile) Read(p []byte) (int, error) {
	if !l.ready() {
		return 0, l.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.f.Read(p)
	l.got(int64(n), err)
	if n == 0 {
		return 0, l.err
	}
	return n, nil
}

// WriteTo copies the file to w in steps of localCopyStep through io.Copy,
// so that a file or socket w gets the kernel's copy (copy_file_range,
// sendfile), looking at the context between steps; io.Copy uses it.
func (l *localFile) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for l.ready() {
		n, err := io.Copy(w, &io.LimitedReader{R: l.f, N: min(l.left, localCopyStep)})
		total += n
		if err != nil {
			return total, err // w's error, or the file's: both end the plugin's call
		}
		l.got(n, nil)
	}
	if l.err == io.EOF {
		return total, nil
	}
	return total, l.err
}

// ready reports whether more bytes are to be read, else sets err: io.EOF
// after exactly the promised bytes, or the context's error.
func (l *localFile) ready() bool {
	switch {
	case l.err != nil:
	case l.ctx.Err() != nil:
		l.err = l.ctx.Err()
	case l.left == 0:
		l.err = io.EOF
	}
	return l.err == nil
}

// got counts n bytes read; a read that ended or failed before the promised
// size sets err.
func (l *localFile) got(n int64, err error) {
	l.left -= n
	switch {
	case n > 0:
	case err == nil || err == io.EOF:
		l.err = fmt.Errorf("%w: local_path %q ended after %d of %d bytes", ErrMismatch, l.path, l.want-l.left, l.want)
	default:
		l.err = err
	}
}
