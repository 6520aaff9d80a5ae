package recmeta

import "time"

// TimeLayout is the one timestamp form of the metadata document (the RWS
// form, wire.md §5): 2026-01-02T03:04:05.000+0000, always written in UTC.
const TimeLayout = "2006-01-02T15:04:05.000-0700"

// FormatTime writes t in TimeLayout, in UTC.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a document timestamp.
func ParseTime(s string) (time.Time, error) { return time.Parse(TimeLayout, s) }
