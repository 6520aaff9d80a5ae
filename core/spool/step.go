package spool

import "fmt"

// Step is one stage of delivery. Steps run in order: every Store
// destination, then every Metadata one, then every Analytics one.
type Step int

// The delivery steps, in order.
const (
	Store Step = iota
	Metadata
	Analytics
)

var stepNames = [...]string{Store: "store", Metadata: "metadata", Analytics: "analytics"}

// steps is the delivery order.
var steps = [...]Step{Store, Metadata, Analytics}

// String returns "store", "metadata" or "analytics".
func (s Step) String() string {
	if s < Store || s > Analytics {
		return fmt.Sprintf("step(%d)", int(s))
	}
	return stepNames[s]
}

// MarshalText writes the step's name.
func (s Step) MarshalText() ([]byte, error) {
	if s < Store || s > Analytics {
		return nil, fmt.Errorf("spool: invalid step %d", int(s))
	}
	return []byte(stepNames[s]), nil
}

// UnmarshalText reads a step's name.
func (s *Step) UnmarshalText(b []byte) error {
	for i, n := range stepNames {
		if string(b) == n {
			*s = Step(i)
			return nil
		}
	}
	return fmt.Errorf("spool: unknown step %q", b)
}

// State is where a job, a destination or one delivery stands.
type State string

// Job, destination and delivery states. A job is Pending, InProgress, Done
// or Dead; a destination or delivery is Pending, InProgress, Done or Failed.
// List also reports Corrupt records, Orphan file folders and Active
// recordings still being written.
const (
	Pending    State = "pending"     // waiting for its next attempt
	InProgress State = "in-progress" // being delivered (or was, when the process died)
	Done       State = "done"        // acknowledged
	Failed     State = "failed"      // refused with a permanent error
	Dead       State = "dead"        // job in the dead-letter folder
	Corrupt    State = "corrupt"     // job record unreadable, quarantined
	Orphan     State = "orphan"      // spooled files with no job record
	Active     State = "active"      // recording still being written
)
