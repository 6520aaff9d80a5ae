package console

import (
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"time"

	"github.com/reel-project/reel/core/recindex"
)

var funcs = template.FuncMap{
	"navItems":            func() []string { return []string{"calls", "recordings", "spool"} },
	"completenessChoices": func() []string { return []string{"", "complete", "loss", "cut-short", "dead"} },
	"join":                func(s []string) string { return strings.Join(s, ", ") },
	"utc":                 utc,
	"duration":            duration,
	"completeness":        completeness,
}

// static is the folder the stylesheet and scripts are served from.
func static() fs.FS {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree always has it
	}
	return sub
}

func utc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

func duration(from, to time.Time) string {
	if from.IsZero() || to.Before(from) {
		return ""
	}
	return to.Sub(from).Round(time.Second).String()
}

// completeness is the one-line verdict of a result row.
func completeness(s recindex.Summary) string {
	var out []string
	if s.Lost > 0 {
		out = append(out, fmt.Sprintf("%d packets lost", s.Lost))
	}
	if s.CutShort {
		out = append(out, "cut short")
	}
	if s.State == recindex.StateDead {
		out = append(out, "dead-lettered")
	}
	if len(out) == 0 {
		return "complete"
	}
	return strings.Join(out, ", ")
}
