package driver

import (
	"fmt"
	"io"
	"strings"

	"github.com/reel-project/reel/core/vxml"
)

// Print writes the steps one a line: virtual time, kind, details.
func Print(w io.Writer, res Result) error {
	for _, st := range res.Steps {
		if _, err := fmt.Fprintf(w, "%8.3fs %s\n", st.At.Seconds(), describe(st.Action)); err != nil {
			return err
		}
	}
	if res.TimedOut {
		_, err := fmt.Fprintf(w, "stopped: %s\n", res.Exit)
		return err
	}
	return nil
}

func describe(a vxml.Action) string {
	switch a.Kind {
	case vxml.ActPrompt:
		return "prompt " + PromptText(a.Prompt)
	case vxml.ActLog:
		return fmt.Sprintf("log[%s] %s", a.Label, a.Text)
	case vxml.ActRecordCtl:
		return "recording " + a.Text
	case vxml.ActTransfer:
		t := a.Transfer
		return fmt.Sprintf("transfer %s %s connecttimeout=%s maxtime=%s", t.Type, t.Dest, t.ConnectTimeout, t.MaxTime)
	case vxml.ActRecord:
		return fmt.Sprintf("record maxtime=%s finalsilence=%s beep=%t", a.Record.MaxTime, a.Record.FinalSilence, a.Record.Beep)
	case vxml.ActFetchAudio:
		f := a.FetchAudio
		return fmt.Sprintf("fetchaudio %s delay=%s minimum=%s", f.URI, f.Delay, f.Minimum)
	case vxml.ActExit:
		return fmt.Sprintf("exit(%s) %s", a.Label, a.Text)
	}
	return string(a.Kind)
}

// PromptText renders a prompt: text as is, audio as <uri>, breaks as [1s].
func PromptText(p *vxml.Prompt) string {
	var parts []string
	for _, it := range p.Items {
		switch {
		case it.Audio != "":
			parts = append(parts, "<"+it.Audio+">")
		case it.Mark != "":
			continue // not heard
		case it.Break > 0:
			parts = append(parts, "["+it.Break.String()+"]")
		default:
			parts = append(parts, it.Text)
		}
	}
	return strings.Join(parts, " ")
}
