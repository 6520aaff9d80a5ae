package spool

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestAttemptsCountEveryAttemptThatRanToItsEnd(t *testing.T) {
	for _, tc := range []struct {
		name       string
		storeFails int  // retryable failures of the store before it succeeds
		refuse     bool // the metadata destination refuses permanently
		state      State
		attempts   int // of the job and of the store
	}{
		{name: "a job dead-lettered at its first attempt shows one", refuse: true, state: Dead, attempts: 1},
		{name: "a job dead-lettered after two retries shows three", storeFails: 2, refuse: true, state: Dead, attempts: 3},
		{name: "a job delivered after two retries shows three", storeFails: 2, state: Done, attempts: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, meta := newFake("storage/s", Store, nil), newFake("metadata/rps", Metadata, nil)
			store.failFirst = tc.storeFails
			if tc.refuse {
				meta.permanent = errors.New("400 Bad Request: tenant unknown")
			}
			opts := fastOptions()
			h := openHarness(t, t.TempDir(), []Destination{store, meta}, opts)
			if err := h.s.Submit(context.Background(), newJob(t, "rec-count", "c.mp3", "c.wav")); err != nil {
				t.Fatal(err)
			}
			h.start()
			if tc.refuse {
				h.events.waitFor(t, DeadLettered, 1)
			} else {
				h.events.waitFor(t, Completed, 1)
			}
			j, err := h.s.Show("rec-count")
			if err != nil {
				t.Fatal(err)
			}
			if j.State != tc.state || j.Attempts != tc.attempts {
				t.Errorf("job %s after %d attempts, want %s after %d", j.State, j.Attempts, tc.state, tc.attempts)
			}
			for _, d := range j.Dests {
				// metadata is tried only in the attempt the store succeeded in
				want := map[Step]int{Store: tc.attempts, Metadata: 1}[d.Step]
				if d.Attempts != want {
					t.Errorf("%s (%s): %d attempts, want %d", d.Name, d.State, d.Attempts, want)
				}
			}
			list, err := h.s.List(Filter{State: tc.state})
			if err != nil || len(list) != 1 || list[0].Attempts != tc.attempts {
				t.Errorf("List: %+v, %v; want one job with %d attempts", list, err, tc.attempts)
			}
			if !tc.refuse && (j.LastError != "" || !j.NextAttempt.IsZero()) {
				t.Errorf("delivered job shows last error %q, next attempt %v", j.LastError, j.NextAttempt)
			}
			if tc.refuse && (!strings.Contains(j.LastError, "400") || !strings.Contains(j.Reason, "400")) {
				t.Errorf("last error %q, reason %q: want the refusal", j.LastError, j.Reason)
			}
		})
	}
}
