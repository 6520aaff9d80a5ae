package sdk

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// hostCheckInterval is how often a plugin looks for its host.
const hostCheckInterval = time.Second

// watchHost ends the plugin process when its host is done with it
// (decision 0033):
//   - on SIGTERM, at once, with a line on stderr saying so (go-plugin's
//     Serve leaves SIGTERM to the runtime's default, which also exits, but
//     silently and with a signal status);
//   - when its parent process changes: the host died and the plugin was
//     re-parented (to PID 1 or a subreaper). On Linux the host's
//     parent-death signal kills it first; this covers the rest. The host's
//     gRPC connection is not the test: an idle channel may close and
//     reconnect while the host lives.
func watchHost(name string) {
	parent := os.Getppid()
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() {
		t := time.NewTicker(hostCheckInterval)
		defer t.Stop()
		for {
			select {
			case <-term:
				fmt.Fprintf(stderr, "%s: SIGTERM: exiting\n", name)
				os.Exit(0)
			case <-t.C:
				if p := os.Getppid(); p != parent {
					fmt.Fprintf(stderr, "%s: host (pid %d) gone: exiting\n", name, parent)
					os.Exit(1)
				}
			}
		}
	}()
}
