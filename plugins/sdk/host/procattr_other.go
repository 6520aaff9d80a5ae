//go:build !linux

package host

import "syscall"

// procAttr: no parent-death signal outside Linux; the plugin's sdk.Serve
// notices that its parent is gone instead.
func procAttr() *syscall.SysProcAttr { return nil }
