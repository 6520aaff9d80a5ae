package spool

import "fmt"

// plan lists the destinations of a new job and what each of them gets.
func (s *Spool) plan(j *Job) ([]DestState, error) {
	targets, err := s.targets(j)
	if err != nil {
		return nil, err
	}
	var out []DestState
	for _, d := range targets {
		ds := DestState{Name: d.Name(), Step: d.Step(), State: Pending}
		if d.Step() == Metadata {
			if len(j.Document) == 0 {
				return nil, fmt.Errorf("%w: %s: metadata destination %q but no document", ErrBadJob, j.ID, d.Name())
			}
			ds.Items = []Item{{State: Pending}}
		}
		for _, f := range j.Files {
			if d.Step() != Metadata && wants(d, f) {
				ds.Items = append(ds.Items, Item{File: f.Name, State: Pending})
			}
		}
		if len(ds.Items) > 0 {
			out = append(out, ds)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: %s: no destination takes its files", ErrNoDestinations, j.ID)
	}
	return out, nil
}

// targets resolves the job's destination names; none means all.
func (s *Spool) targets(j *Job) ([]Destination, error) {
	if len(j.Targets) == 0 {
		return s.order, nil
	}
	out := make([]Destination, 0, len(j.Targets))
	seen := map[string]bool{}
	for _, n := range j.Targets {
		if seen[n] {
			continue
		}
		seen[n] = true
		d, ok := s.dests[n]
		if !ok {
			return nil, fmt.Errorf("%w: %s: %q", ErrUnknownDestination, j.ID, n)
		}
		out = append(out, d)
	}
	return out, nil
}

func wants(d Destination, f FileRef) bool {
	sel, ok := d.(Selector)
	return !ok || sel.Wants(f)
}
