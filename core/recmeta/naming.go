package recmeta

import (
	"fmt"
	"time"
)

// MediaID builds a file name as docs/wire.md §4 specifies:
// <CallUUID>_<YYYY-MM-DD>_<HH-MM-SS>-<8 hex node>-<8 hex seq>-<8 digits counter>.<ext>
// in UTC. base is the CallUUID, or the recording id without one; it is
// sanitised, since it comes from the network.
func MediaID(base string, start time.Time, node, seq uint32, counter int, ext string) string {
	t := start.UTC()
	return fmt.Sprintf("%s_%s_%s-%08x-%08x-%08d.%s",
		SafeName(base), t.Format("2006-01-02"), t.Format("15-04-05"), node, seq, counter%100000000, ext)
}
