//go:build !linux

package pluginhost

import "errors"

// identify needs /proc: elsewhere no process is recognised, so none is ever
// signalled (the plugin's sdk.Serve exits when its host is gone).
func identify(int) (proc, error) { return proc{}, errors.New("no /proc") }

// end is never reached: identify recognises no process.
func end(proc) error { return errors.New("no /proc") }
