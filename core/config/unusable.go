package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// ListenError turns the failure to bind addr, the value of key
// (sip.listen, http.listen), into an Unusable error that says why and what
// to do; an error that is not the network's is wrapped with the key.
func ListenError(key, addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return Unusable(key, "%s is in use by another process (ss -lntup shows which): stop it, or choose another port", addr)
	case errors.Is(err, syscall.EACCES):
		return Unusable(key, "%s: permission denied: ports below 1024 need root or CAP_NET_BIND_SERVICE; choose a port of 1024 or more", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return Unusable(key, "%s is not an address of this host: use one of its addresses, or 0.0.0.0 for all", addr)
	}
	var op *net.OpError
	if errors.As(err, &op) {
		return Unusable(key, "%s: %v", addr, rootCause(err))
	}
	return fmt.Errorf("%s: %w", key, err)
}

// DirError turns the failure to create or write dir, the value of key
// (data_dir, recording.dir), into an Unusable error with the fix.
func DirError(key, dir string, err error) error {
	return Unusable(key, "%s is not writable (%v): make it a directory %s can write, or choose another", dir, rootCause(err), whoAmI())
}

// rootCause drops the wrappers of err down to the *os.PathError or
// *os.SyscallError, whose text names the operation and the path once.
func rootCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se
	}
	return err
}

// whoAmI names the process's user for a message: "user reel (uid 998)".
func whoAmI() string {
	uid := os.Getuid()
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		return fmt.Sprintf("user %s (uid %d)", u.Username, uid)
	}
	return fmt.Sprintf("uid %d", uid)
}
