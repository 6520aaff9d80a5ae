package spool

// Stats is a snapshot of the spool's gauges and counters, for metrics.
type Stats struct {
	// Gauges: jobs waiting for an attempt, being delivered, dead-lettered
	// and quarantined right now.
	Pending, InProgress, Dead, Corrupt int
	// Counters since Open: jobs submitted, recovered from active recordings,
	// resumed after a restart, completed and dead-lettered.
	Submitted, Recovered, Resumed, Completed, DeadLettered uint64
	// Destinations counts deliveries by destination name.
	Destinations map[string]DestStats
}

// DestStats counts one destination's Deliver calls by outcome.
type DestStats struct {
	OK, Failed, Permanent uint64
}

// counters is the mutable part of Stats, guarded by Spool.mu.
type counters struct {
	dead, corrupt                                        int
	submitted, recovered, resumed, completed, deadLetter uint64
	dests                                                map[string]DestStats
}

// Stats returns a snapshot.
func (s *Spool) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	waiting, claimed := s.idx.counts()
	st := Stats{
		Pending: waiting, InProgress: claimed, Dead: s.st.dead, Corrupt: s.st.corrupt,
		Submitted: s.st.submitted, Recovered: s.st.recovered, Resumed: s.st.resumed,
		Completed: s.st.completed, DeadLettered: s.st.deadLetter,
		Destinations: make(map[string]DestStats, len(s.order)),
	}
	for _, d := range s.order {
		st.Destinations[d.Name()] = s.st.dests[d.Name()]
	}
	return st
}

// count records one Deliver outcome for dest.
func (s *Spool) count(dest string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.dests == nil {
		s.st.dests = map[string]DestStats{}
	}
	d := s.st.dests[dest]
	switch {
	case err == nil:
		d.OK++
	case IsPermanent(err):
		d.Permanent++
	default:
		d.Failed++
	}
	s.st.dests[dest] = d
}

// bump runs f on the counters under the lock.
func (s *Spool) bump(f func(c *counters)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.st)
}
