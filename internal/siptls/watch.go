package siptls

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Settle is how long Watch waits after a file first changed before reloading,
// so that a certificate and its key written one after the other are read
// together.
const Settle = 250 * time.Millisecond

// Watch reloads the files when one of them changes and on SIGHUP, until
// ctx ends. It watches the files' directories, so a file replaced by a
// rename (how certificate tools write) is seen. Without fsnotify (no
// inotify instances left) it logs that once and relies on SIGHUP.
func (t *TLS) Watch(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	var events <-chan fsnotify.Event
	if w, err := t.watcher(); err != nil {
		t.log.Warn("sip tls: not watching the certificate files, reloading on SIGHUP only", "error", err)
	} else {
		defer func() { _ = w.Close() }()
		events = w.Events
	}
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	defer settle.Stop()
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			_ = t.Reload()
		case ev := <-events:
			if !pending && slices.Contains(t.paths(), filepath.Clean(ev.Name)) && !ev.Has(fsnotify.Chmod) {
				pending = true
				settle.Reset(Settle) // a certificate and its key are written one after the other
			}
		case <-settle.C:
			pending = false
			_ = t.Reload()
		}
	}
}

// watcher watches the directories of the files.
func (t *TLS) watcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, p := range t.paths() {
		if d := filepath.Dir(p); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		if err := w.Add(d); err != nil {
			_ = w.Close()
			return nil, err
		}
	}
	return w, nil
}

// paths are the files, cleaned, as fsnotify names them.
func (t *TLS) paths() []string {
	var out []string
	for _, p := range []string{t.files.Cert, t.files.Key, t.files.CA} {
		if p != "" {
			out = append(out, filepath.Clean(p))
		}
	}
	return out
}
