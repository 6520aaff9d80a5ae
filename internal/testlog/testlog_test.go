package testlog

import (
	"fmt"
	"testing"
)

// A goroutine that logs after its test ended does not make testing panic.
func TestLogsAfterTheTestEndAreDropped(t *testing.T) {
	var w interface{ Write([]byte) (int, error) }
	t.Run("inner", func(t *testing.T) {
		w = Writer(t)
		fmt.Fprintln(w, "during the test")
	})
	if n, err := fmt.Fprintln(w, "after the test"); n == 0 || err != nil {
		t.Fatalf("write after the test: %d, %v", n, err)
	}
}
