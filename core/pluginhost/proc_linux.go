package pluginhost

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// identify reads the executable and start time of pid from /proc. A zombie
// has no executable any more: it counts as gone.
func identify(pid int) (proc, error) {
	dir := "/proc/" + strconv.Itoa(pid)
	exe, err := os.Readlink(dir + "/exe")
	if err != nil {
		return proc{}, err
	}
	stat, err := os.ReadFile(dir + "/stat")
	if err != nil {
		return proc{}, err
	}
	start, err := startTime(stat)
	if err != nil {
		return proc{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	return proc{Pid: pid, Exe: exe, Start: start}, nil
}

// startTime is field 22 of /proc/<pid>/stat; the command (field 2) is in
// parentheses and may hold spaces, so fields count from its last ')'.
func startTime(stat []byte) (uint64, error) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("malformed /proc stat")
	}
	f := bytes.Fields(stat[i+1:])
	if len(f) < 20 {
		return 0, fmt.Errorf("malformed /proc stat: %d fields after the command", len(f))
	}
	return strconv.ParseUint(string(f[19]), 10, 64)
}

// end sends p SIGTERM, then SIGKILL when it has not exited after reapGrace.
func end(p proc) error {
	if err := syscall.Kill(p.Pid, syscall.SIGTERM); err != nil {
		return err
	}
	for deadline := time.Now().Add(reapGrace); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if now, err := identify(p.Pid); err != nil || now != p {
			return nil
		}
	}
	if err := syscall.Kill(p.Pid, syscall.SIGKILL); err != nil {
		return fmt.Errorf("SIGKILL after %v: %w", reapGrace, err)
	}
	return nil
}
