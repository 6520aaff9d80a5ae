package gcdefault

import "runtime/debug"

// Apply sets the GC percentage to percent unless lookup (os.LookupEnv)
// finds GOGC; it reports whether it did.
func Apply(percent int, lookup func(string) (string, bool)) bool {
	if _, set := lookup("GOGC"); set {
		return false
	}
	debug.SetGCPercent(percent)
	return true
}
