package recmeta

import (
	"encoding/json"
	"fmt"
	"os"
)

// ProgressExt ends the name of the file, beside a recording's first media
// file (<mediaId>.progress), that holds its completeness counters so far,
// as JSON, while it runs: written after every flush, so that a crash repair
// reports what was received, lost and concealed instead of zeros. Stop
// removes it; the sidecars say the final word. It does not end in .json:
// a .json beside the media is a sidecar to whoever watches the folder.
const ProgressExt = ".progress"

// ReadProgress reads a progress file.
func ReadProgress(path string) (Completeness, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Completeness{}, err
	}
	var c Completeness
	if err := json.Unmarshal(b, &c); err != nil {
		return Completeness{}, fmt.Errorf("recmeta: progress %s: %w", path, err)
	}
	return c, nil
}
