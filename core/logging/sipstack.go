package logging

import (
	"log/slog"
	"sync"

	"github.com/emiago/sipgo/sip"
)

var sipStackOnce sync.Once

// QuietSIPStack sends the SIP stack's process-wide log (sipgo logs
// retransmission bookkeeping at Info) to h at Warn and above, tagged
// component=sipgo. sipgo reads that logger without synchronisation, so only
// the first call in a process takes effect: later daemons in the same
// process (tests) share it.
func QuietSIPStack(h slog.Handler) {
	sipStackOnce.Do(func() {
		sip.SetDefaultLogger(slog.New(AtLeast(h, slog.LevelWarn)).With("component", "sipgo"))
	})
}
