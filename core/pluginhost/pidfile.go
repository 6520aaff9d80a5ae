package pluginhost

import (
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// PidFileName is the file in Options.StateDir listing the plugin processes
// of the running host.
const PidFileName = "plugins.pid.json"

// pidFile records this host's plugin processes so that the next host on the
// same state dir can end those a crash left behind (decision 0033). A nil
// *pidFile records nothing.
type pidFile struct {
	path string
	log  *slog.Logger

	mu    sync.Mutex
	procs map[string]proc // by plugin name
}

// proc identifies a process beyond its pid, which the kernel reuses.
type proc struct {
	Pid   int    `json:"pid"`
	Exe   string `json:"exe"`   // the executable's path
	Start uint64 `json:"start"` // start time, clock ticks after boot
}

func newPidFile(dir string, log *slog.Logger) *pidFile {
	if dir == "" {
		return nil
	}
	return &pidFile{path: filepath.Join(dir, PidFileName), log: log, procs: map[string]proc{}}
}

// record notes the process of plugin name.
func (f *pidFile) record(name string, pid int) {
	if f == nil || pid <= 0 {
		return
	}
	p, err := identify(pid)
	if err != nil {
		f.log.Warn("plugin process not recorded", "plugin", name, "pid", pid, "err", err)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.procs[name] = p
	f.saveLocked()
}

// forget drops plugin name, stopped.
func (f *pidFile) forget(name string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.procs[name]; ok {
		delete(f.procs, name)
		f.saveLocked()
	}
}

func (f *pidFile) saveLocked() {
	b, err := json.Marshal(f.procs)
	if err == nil {
		tmp := f.path + ".tmp"
		err = errors.Join(os.WriteFile(tmp, b, 0o644), os.Rename(tmp, f.path))
	}
	if err != nil {
		f.log.Warn("plugin pid file not written", "path", f.path, "err", err)
	}
}

// reapGrace is how long a left-over plugin has to exit after SIGTERM
// before it is killed.
const reapGrace = 5 * time.Second

// reap ends the plugin processes a previous host recorded that still run
// the same executable since the same start (so a reused pid is never
// signalled), then empties the file. It returns how many it ended.
func (f *pidFile) reap() int {
	if f == nil {
		return 0
	}
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0
	}
	var old map[string]proc
	if err == nil {
		err = json.Unmarshal(b, &old)
	}
	if err != nil {
		f.log.Warn("plugin pid file unreadable; left-over plugins not looked for", "path", f.path, "err", err)
	}
	n := 0
	for name, p := range old {
		if now, err := identify(p.Pid); err != nil || now != p {
			continue // gone, or the pid is another process now
		}
		err := end(p)
		f.log.Warn("plugin process left by a previous reel-mcp ended", "plugin", name, "pid", p.Pid, "exe", p.Exe, "err", err)
		n++
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saveLocked()
	return n
}
