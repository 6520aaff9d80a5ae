package msml

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseBool reads true/false, yes/no, on/off, 1/0 in any case.
func parseBool(s string) (bool, error) {
	switch lower(s) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

// maxMaxTime bounds maxtime (a day): longer is surely a mistake.
const maxMaxTime = 24 * time.Hour

// parseTime reads an MSML time designation (RFC 5707 §6: "30s", "500ms"),
// also "2m", "1h", "1.5s", a bare number of seconds, and "infinite" (0).
func parseTime(s string) (time.Duration, error) {
	v := lower(s)
	if v == "infinite" {
		return 0, nil
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		v += "s"
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > maxMaxTime || strings.HasPrefix(v, "+") {
		return 0, fmt.Errorf("%q is not a time like 30s or 500ms (at most %v)", s, maxMaxTime)
	}
	return d, nil
}

// formatTime writes d the way parseTime reads it back exactly.
func formatTime(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	if d%time.Millisecond == 0 {
		return strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
	}
	return d.String()
}
