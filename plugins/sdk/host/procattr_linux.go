package host

import "syscall"

// procAttr makes the kernel kill the plugin when the host dies, SIGKILL
// included (PR_SET_PDEATHSIG). The signal fires when the thread that
// started the plugin ends; Go's runtime keeps its threads unless a goroutine
// locked to one exits, which the host does not do. Decision 0033.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
