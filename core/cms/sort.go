package cms

import (
	"bytes"
	"slices"
)

// sortDER orders the encodings of a SET OF as DER requires (X.690 §11.6).
func sortDER(elems [][]byte) {
	slices.SortFunc(elems, bytes.Compare)
}
