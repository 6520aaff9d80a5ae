package sipua

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// Canned SDP: the UA never parses it, so any bytes do.
var (
	sdpOffer     = []byte("v=0\r\no=party 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n")
	sdpTransfer  = []byte("v=0\r\no=party 1 2 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\nm=audio 40002 RTP/AVP 8\r\n")
	sdpAnswer    = []byte("v=0\r\no=reel 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\n")
	sdpOurOffer  = []byte("v=0\r\no=reel 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 8\r\n")
	sdpLateReply = []byte("v=0\r\no=party 1 3 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n")
)

// fakeMedia records calls and returns canned SDP.
type fakeMedia struct {
	full      atomic.Bool
	openErr   error         // returned by Open when set
	gate      chan struct{} // when set, Open waits for it to close
	honourCtx bool          // with gate: return ctx.Err() if cancelled first
	entered   chan struct{} // receives once per Open call when gate is set
	answerErr error         // copied into every leg
	acceptErr error         // copied into every leg
	opened    chan *fakeLeg
}

func newFakeMedia() *fakeMedia {
	return &fakeMedia{opened: make(chan *fakeLeg, 64), entered: make(chan struct{}, 64)}
}

func (m *fakeMedia) Available() bool { return !m.full.Load() }

func (m *fakeMedia) Open(ctx context.Context, inv Invite) (Leg, error) {
	if m.gate != nil {
		m.entered <- struct{}{}
		select {
		case <-m.gate:
		case <-ctx.Done():
			if m.honourCtx {
				return nil, ctx.Err()
			}
			<-m.gate
		}
	}
	if m.openErr != nil {
		return nil, m.openErr
	}
	l := &fakeLeg{inv: inv, answerErr: m.answerErr, acceptErr: m.acceptErr, closed: make(chan string, 1), accepted: make(chan []byte, 8)}
	m.opened <- l
	return l, nil
}

// fakeLeg records what the UA asked of one leg.
type fakeLeg struct {
	inv       Invite
	answerErr error
	acceptErr error

	mu       sync.Mutex
	gate     chan struct{} // when set, Answer signals entered and waits for it
	entered  chan struct{}
	offers   [][]byte // offers received by Answer
	nOffer   int      // Offer calls
	accepted chan []byte
	closed   chan string
	busy     atomic.Bool // detects concurrent calls
	nClose   atomic.Int32
}

var errConcurrent = errors.New("fake leg: concurrent call")

func (l *fakeLeg) enter() error {
	if !l.busy.CompareAndSwap(false, true) {
		return errConcurrent
	}
	return nil
}

func (l *fakeLeg) Answer(offer []byte) ([]byte, error) {
	if err := l.enter(); err != nil {
		return nil, err
	}
	defer l.busy.Store(false)
	l.mu.Lock()
	gate := l.gate
	l.mu.Unlock()
	if gate != nil {
		l.entered <- struct{}{}
		<-gate
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.offers = append(l.offers, offer)
	if l.answerErr != nil {
		return nil, l.answerErr
	}
	return sdpAnswer, nil
}

func (l *fakeLeg) Offer() ([]byte, error) {
	if err := l.enter(); err != nil {
		return nil, err
	}
	defer l.busy.Store(false)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nOffer++
	return sdpOurOffer, nil
}

func (l *fakeLeg) Accept(answer []byte) error {
	if err := l.enter(); err != nil {
		return err
	}
	defer l.busy.Store(false)
	l.accepted <- answer
	return l.acceptErr
}

func (l *fakeLeg) Close(reason string) {
	l.nClose.Add(1)
	select {
	case l.closed <- reason:
	default:
	}
}

func (l *fakeLeg) answered() [][]byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([][]byte(nil), l.offers...)
}

// holdAnswers makes Answer signal entered and wait until the returned
// channel is closed.
func (l *fakeLeg) holdAnswers() chan struct{} {
	gate := make(chan struct{})
	l.mu.Lock()
	l.gate, l.entered = gate, make(chan struct{}, 1)
	l.mu.Unlock()
	return gate
}
