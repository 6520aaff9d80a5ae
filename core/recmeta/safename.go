package recmeta

import (
	"fmt"
	"hash/fnv"
	"unicode/utf8"
)

// maxSafeName bounds SafeName's result.
const maxSafeName = 64

// SafeName turns any id from the network into one safe path component: bytes
// of [A-Za-z0-9._-] are kept, every other character becomes '_' (one per
// rune, one per invalid byte), a leading '.' or '-' and the second dot of ".."
// become '_', and "" becomes "_". A name over 64 bytes keeps its first 55 and
// ends in '-' and the FNV-1a hash of the whole id, so long ids sharing a
// prefix stay distinct. Different ids can map to the same name ("a/b", "a_b"):
// file names must add their own unique part (docs/wire.md §4 does).
func SafeName(id string) string {
	b := make([]byte, 0, min(len(id), maxSafeName))
	for _, r := range id {
		c := byte('_')
		if r < utf8.RuneSelf && isSafe(byte(r)) {
			c = byte(r)
		}
		first := len(b) == 0
		if (c == '.' && (first || b[len(b)-1] == '.')) || (c == '-' && first) {
			c = '_'
		}
		b = append(b, c)
	}
	if len(b) > maxSafeName {
		h := fnv.New32a()
		h.Write([]byte(id))
		b = fmt.Appendf(b[:maxSafeName-9], "-%08x", h.Sum32())
	}
	if len(b) == 0 {
		return "_"
	}
	return string(b)
}

func isSafe(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}
