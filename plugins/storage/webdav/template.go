package webdav

import (
	"fmt"
	"strings"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
)

// Metadata keys a path template reads from the object.
const (
	MetaTenant    = "tenant"     // {tenant}
	MetaStartTime = "start_time" // {date:…}, RFC 3339
)

// Template is a parsed path template such as "{tenant}/{date:2006/01/02}/{recording_id}":
// literal text and placeholders, expanded per object into the folder below url.
type Template struct {
	parts []part
}

type part struct {
	literal string // when field == ""
	field   string // "tenant", "recording_id" or "date"
	layout  string // Go time layout for "date"
}

// ParseTemplate parses s; an unknown placeholder, an unclosed brace, an
// empty date layout or a ".." segment is an error.
func ParseTemplate(s string) (Template, error) {
	var t Template
	for s != "" {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			t.parts = append(t.parts, part{literal: s})
			break
		}
		if open > 0 {
			t.parts = append(t.parts, part{literal: s[:open]})
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			return Template{}, fmt.Errorf("unclosed { at %d", open)
		}
		p, err := parsePlaceholder(s[open+1 : open+end])
		if err != nil {
			return Template{}, err
		}
		t.parts = append(t.parts, p)
		s = s[open+end+1:]
	}
	return t, t.checkLiterals()
}

func parsePlaceholder(name string) (part, error) {
	switch {
	case name == "tenant" || name == "recording_id":
		return part{field: name}, nil
	case strings.HasPrefix(name, "date:") && len(name) > len("date:"):
		return part{field: "date", layout: strings.TrimPrefix(name, "date:")}, nil
	}
	return part{}, fmt.Errorf("unknown placeholder {%s}; use {tenant}, {recording_id} or {date:2006/01/02}", name)
}

func (t Template) checkLiterals() error {
	for _, p := range t.parts {
		if strings.ContainsAny(p.literal+p.layout, "{}\\?#%\x00") {
			return fmt.Errorf("%q holds a character not allowed in a path", p.literal+p.layout)
		}
	}
	return nil
}

// keyOnly reports whether the template needs nothing but the key, so Stat
// and Delete (which get no metadata) can expand it.
func (t Template) keyOnly() bool {
	for _, p := range t.parts {
		if p.field == "tenant" || p.field == "date" {
			return false
		}
	}
	return true
}

// Expand returns the folder for key with metadata meta, without leading or
// trailing "/", each segment checked. A missing tenant or start time is
// sdk.ErrInvalid: no retry will add it.
func (t Template) Expand(key sdk.Key, meta map[string]string) (string, error) {
	var b strings.Builder
	for _, p := range t.parts {
		v, err := p.value(key, meta)
		if err != nil {
			return "", err
		}
		b.WriteString(v)
	}
	return cleanFolder(b.String())
}

func (p part) value(key sdk.Key, meta map[string]string) (string, error) {
	switch p.field {
	case "":
		return p.literal, nil
	case "recording_id":
		return key.RecordingID, nil
	case "tenant":
		return segment(MetaTenant, meta[MetaTenant])
	}
	start, err := time.Parse(time.RFC3339Nano, meta[MetaStartTime])
	if err != nil {
		return "", fmt.Errorf("%w: the path template needs metadata %q in RFC 3339, got %q", sdk.ErrInvalid, MetaStartTime, meta[MetaStartTime])
	}
	return start.UTC().Format(p.layout), nil
}

func segment(name, v string) (string, error) {
	if v == "" || v == "." || v == ".." || strings.ContainsAny(v, "/\\\x00") {
		return "", fmt.Errorf("%w: the path template needs metadata %q as one path segment, got %q", sdk.ErrInvalid, name, v)
	}
	return v, nil
}

// cleanFolder drops empty segments and refuses "." and "..".
func cleanFolder(s string) (string, error) {
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		switch seg {
		case "":
			continue
		case ".", "..":
			return "", fmt.Errorf("%w: path %q has a %q segment", sdk.ErrInvalid, s, seg)
		}
		segs = append(segs, seg)
	}
	return strings.Join(segs, "/"), nil
}
