package configload

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
)

// known holds every REEL_* variable some daemon linked into this binary
// reads: both daemons are often started from one environment (a compose
// file, a shared EnvironmentFile), so each accepts the other's variables and
// refuses only names no daemon knows — typos.
var known = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{EnvConfig: true}}

// KnowEnv registers variables a daemon reads besides its keys' (EnvName):
// REEL_MCPS, the plugin protocol's. Each config package registers its keys'
// names and its extras in init.
func KnowEnv(names ...string) {
	known.Lock()
	defer known.Unlock()
	for _, n := range names {
		known.names[n] = true
	}
}

// KnowKeys registers the variables of T's value keys.
func KnowKeys[T any]() {
	for _, k := range Keys[T]() {
		KnowEnv(EnvName(k))
	}
}

// checkEnv returns an ErrUnknownKey KeyError for every REEL_* variable of
// env that no registered daemon reads, with the closest known name.
func checkEnv(env map[string]string) error {
	known.Lock()
	names := slices.Sorted(maps.Keys(known.names))
	known.Unlock()
	var errs []error
	for _, v := range slices.Sorted(maps.Keys(env)) {
		if !strings.HasPrefix(v, EnvPrefix) || slices.Contains(names, v) {
			continue
		}
		msg := "unknown variable: no key of reel-mcp or reel-rm has this name"
		if near := closest(v, names); near != "" {
			msg += "; did you mean " + near + "?"
		}
		errs = append(errs, &KeyError{Key: v, Kind: ErrUnknownKey, Msg: msg})
	}
	return errors.Join(errs...)
}

// closest returns the name of names nearest to s, if it is within a third
// of s's length in edits.
func closest(s string, names []string) string {
	best, bestD := "", len(s)/3+1
	for _, n := range names {
		if d := editDistance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b (bytes: the names are
// ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
