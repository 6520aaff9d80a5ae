package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// pollEvery is how often call looks at the spool.
const pollEvery = 100 * time.Millisecond

// showActive waits for the call's files in the spool's active folder and
// prints them; it returns the recording's job id (the folder's name).
func (c *firstCall) showActive(w io.Writer, spoolDir string, wait time.Duration) (string, error) {
	pattern := filepath.Join(spoolDir, "active", "*", c.uuid+"_*")
	for deadline := time.Now().Add(wait); ; time.Sleep(pollEvery) {
		files, err := filepath.Glob(pattern)
		if err != nil {
			return "", err
		}
		if len(files) > 0 {
			dir := filepath.Dir(files[0])
			fmt.Fprintf(w, "recording while the call runs: %s%c\n", display(dir), filepath.Separator)
			for _, f := range files {
				fmt.Fprintf(w, "  %s\n", filepath.Base(f))
			}
			return filepath.Base(dir), nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no recording of CallUUID %s appeared in %s within %s: is this reel-mcp's spool (--config, --data-dir)?",
				c.uuid, display(filepath.Join(spoolDir, "active")), wait)
		}
	}
}

// showDelivered waits until the job is delivered, then prints where each
// file went and the completeness report of the MP3's (else the first) sidecar.
func showDelivered(w io.Writer, spoolDir, id string, wait time.Duration) error {
	j, err := waitDelivered(spoolDir, id, wait)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "delivered %s UTC:\n", stamp(lastAck(j)))
	var sidecars []string
	for _, d := range j.Dests {
		for _, it := range d.Items {
			if it.File == "" || strings.HasSuffix(it.File, ".json") {
				continue
			}
			path, local := localPath(it.Location)
			fmt.Fprintf(w, "  %s  (%s)\n", path, d.Name)
			if local {
				sidecars = append(sidecars, path+".json")
			}
		}
	}
	return printCompleteness(w, sidecars)
}

// waitDelivered polls the job's record until it is done (or dead).
func waitDelivered(spoolDir, id string, wait time.Duration) (spool.Job, error) {
	in := spool.Inspector{Dir: spoolDir}
	for deadline := time.Now().Add(wait); ; time.Sleep(pollEvery) {
		j, err := in.Show(id)
		switch {
		case err == nil && j.State == spool.Done:
			return j, nil
		case err == nil && j.State == spool.Dead:
			return j, fmt.Errorf("recording %s was dead-lettered: %s (reelctl spool show %s)", id, j.Reason, id)
		case err != nil && !errors.Is(err, spool.ErrNotFound):
			return j, err
		}
		if time.Now().After(deadline) {
			return j, fmt.Errorf("recording %s not delivered within %s (reelctl spool show %s)", id, wait, id)
		}
	}
}

// localPath turns a file:// location into a path relative to the working
// directory when it lies below it.
func localPath(loc string) (string, bool) {
	u, err := url.Parse(loc)
	if err != nil || u.Scheme != "file" {
		return loc, false
	}
	return display(u.Path), true
}

// display shortens a path below the working directory to a relative one.
func display(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if abs, err := filepath.Abs(p); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

// sidecar is the part of a recording's sidecar call prints.
type sidecar struct {
	MediaFiles []struct {
		Duration     string `json:"duration"`
		Completeness struct {
			PacketsExpected int64  `json:"packetsExpected"`
			PacketsReceived int64  `json:"packetsReceived"`
			PacketsLost     int64  `json:"packetsLost"`
			PacketsLate     int64  `json:"packetsLate"`
			ConcealedMs     int64  `json:"concealedMs"`
			SilenceFilledMs int64  `json:"silenceFilledMs"`
			PausedMs        int64  `json:"pausedMs"`
			CutShort        bool   `json:"cutShort"`
			EndReason       string `json:"endReason"`
		} `json:"completeness"`
	} `json:"mediaFiles"`
}

// printCompleteness prints the completeness line of the first sidecar of
// the list (an MP3's when there is one).
func printCompleteness(w io.Writer, paths []string) error {
	if len(paths) == 0 {
		fmt.Fprintln(w, "no local sidecar to read: the files went to a remote storage")
		return nil
	}
	path := paths[0]
	for _, p := range paths {
		if strings.HasSuffix(p, ".mp3.json") {
			path = p
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("sidecar: %w", err)
	}
	var s sidecar
	if err := json.Unmarshal(b, &s); err != nil || len(s.MediaFiles) != 1 {
		return fmt.Errorf("sidecar %s: not a recording's metadata (%v)", path, err)
	}
	m := s.MediaFiles[0]
	c := m.Completeness
	fmt.Fprintf(w, "sidecar %s\ncompleteness: %s ms long, %d of %d packets received, %d lost, %d late, %d ms concealed, %d ms silence-filled, %d ms paused, cut short %v, ended by %s\n",
		path, m.Duration, c.PacketsReceived, c.PacketsExpected, c.PacketsLost, c.PacketsLate, c.ConcealedMs,
		c.SilenceFilledMs, c.PausedMs, c.CutShort, c.EndReason)
	return nil
}
