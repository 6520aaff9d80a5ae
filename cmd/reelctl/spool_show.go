package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// printJob writes what an operator asks of one recording: is it delivered,
// where to and when; or what it waits for and why.
func printJob(w io.Writer, j spool.Job) error {
	fmt.Fprintf(w, "%s: %s\n", j.ID, jobHeadline(j))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "DESTINATION\tFILE\tSTATE\tAT\tLOCATION\n")
	for _, d := range j.Dests {
		for _, it := range d.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.Name, firstOf(it.File, "(metadata)"), it.State, stamp(it.At), firstOf(it.Location, "-"))
		}
		if d.LastError != "" || d.Reason != "" {
			fmt.Fprintf(tw, "%s\t\terror\t\t%s\n", d.Name, oneLine(firstOf(d.Reason, d.LastError)))
		}
	}
	return tw.Flush()
}

// jobHeadline says in one line where the job stands.
func jobHeadline(j spool.Job) string {
	files := fmt.Sprintf("%d files, %d attempts, first seen %s UTC", len(j.Files), j.Attempts, stamp(j.FirstSeen))
	switch j.State {
	case spool.Done:
		return fmt.Sprintf("delivered %s UTC to every destination (%s)", stamp(lastAck(j)), files)
	case spool.Dead:
		return fmt.Sprintf("dead-lettered %s UTC: %s (%s); reelctl spool retry sends it back", stamp(j.Updated), oneLine(j.Reason), files)
	case spool.Pending:
		return fmt.Sprintf("waiting, next attempt %s UTC (%s)", stamp(j.NextAttempt), files)
	}
	return fmt.Sprintf("%s (%s)", j.State, files)
}

// lastAck is when the last destination acknowledged: when the job was
// delivered.
func lastAck(j spool.Job) time.Time {
	var t time.Time
	for _, d := range j.Dests {
		for _, it := range d.Items {
			if it.At.After(t) {
				t = it.At
			}
		}
	}
	if t.IsZero() {
		return j.Updated
	}
	return t
}
