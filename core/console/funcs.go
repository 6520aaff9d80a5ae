package console

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/reel-project/reel/core/recindex"
)

var funcs = template.FuncMap{
	"completenessChoices": func() []string { return []string{"", "complete", "loss", "cut-short", "dead"} },
	"duration":            duration,
	"completeness":        completeness,
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
