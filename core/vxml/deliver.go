package vxml

import "fmt"

// deliver applies one event to the waiting state.
func (s *Session) deliver(ev Event) (error, error) {
	switch e := ev.(type) {
	case Hangup:
		s.hungup = true
		s.wait = nil
		return throw("connection.disconnect.hangup", "the caller hung up"), nil
	case DTMF:
		if s.wait != nil && s.wait.kind == WaitTransfer && s.wait.dtmf {
			return s.transferKey(e.Key), nil
		}
		if s.wait == nil || s.wait.kind != WaitInput {
			return nil, fmt.Errorf("%w: DTMF %q", ErrNotWaiting, e.Key)
		}
		return s.key(e.Key), nil
	case Tick:
		if s.wait == nil || s.wait.kind != WaitInput || s.now().Before(s.wait.deadline) {
			return nil, nil
		}
		return s.endInput(), nil
	case TransferDone:
		if s.wait == nil || s.wait.kind != WaitTransfer {
			return nil, fmt.Errorf("%w: transfer outcome", ErrNotWaiting)
		}
		return s.transferDone(e), nil
	case MarkReached:
		s.mark = mark{name: e.Name, at: s.now()}
		return nil, nil
	case RecordDone:
		if s.wait == nil || s.wait.kind != WaitRecord {
			return nil, fmt.Errorf("%w: recording", ErrNotWaiting)
		}
		return s.recordDone(e), nil
	}
	return nil, fmt.Errorf("%w: %T", ErrNotWaiting, ev)
}
