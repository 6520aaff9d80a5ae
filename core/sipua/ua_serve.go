package sipua

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
)

// Serve runs the listeners until ctx is done or one of them fails. When it
// returns, the listeners are closed and every remaining dialog has ended
// (Leg.Close(ReasonShutdown), no BYE: call Shutdown first for that).
func (u *UA) Serve(ctx context.Context) error {
	if !u.serving.CompareAndSwap(false, true) {
		return ErrServing
	}
	errc := make(chan error, 3)
	n := 0
	if u.udp != nil {
		n++
		go func() { errc <- u.srv.ServeUDP(u.udp) }()
	}
	if u.tcp != nil {
		n++
		go func() { errc <- u.srv.ServeTCP(u.admitted(u.tcp, "TCP")) }()
	}
	if u.tls != nil {
		n++
		go func() { errc <- u.srv.ServeTLS(tls.NewListener(u.admitted(u.tls, "TLS"), u.cfg.TLS.ServerConfig())) }()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
		n--
		err = fmt.Errorf("sipua: listener stopped: %w", cmp.Or(err, net.ErrClosed))
	}
	u.stop()
	for ; n > 0; n-- {
		<-errc
	}
	return err
}

// stop ends everything Serve started; handlers still running get a
// cancelled context and are waited for.
func (u *UA) stop() {
	u.hmu.Lock()
	u.stopped = true
	u.hmu.Unlock()
	u.cancel()
	u.closeListeners()
	u.endAll()
	u.inflight.Wait()
	u.endAll() // dialogs a running handler registered meanwhile
	if err := u.sua.Close(); err != nil {
		u.log.Debug("sipgo close", "error", err)
	}
}

func (u *UA) endAll() {
	for _, d := range u.dialogs.all() {
		d.end(ReasonShutdown)
	}
}

func (u *UA) closeListeners() {
	if u.udp != nil {
		_ = u.udp.Close()
	}
	if u.tcp != nil {
		_ = u.tcp.Close()
	}
	if u.tls != nil {
		_ = u.tls.Close()
	}
}

// Shutdown sends BYE on every dialog, concurrently, and closes their legs
// (ReasonShutdown). It returns when all BYEs are answered or ctx is done;
// the listeners keep serving until Serve's context ends.
func (u *UA) Shutdown(ctx context.Context) error {
	var wg sync.WaitGroup
	dialogs := u.dialogs.all()
	errs := make(chan error, len(dialogs))
	for _, d := range dialogs {
		wg.Go(func() {
			if err := u.hangup(ctx, d, ReasonShutdown); err != nil && !errors.Is(err, ErrDialogGone) {
				errs <- fmt.Errorf("call %s: %w", d.callID, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// Close releases the listeners of a UA that never served: New binds them,
// and a daemon whose start fails after New must not keep them. A serving
// UA stops with Serve's context instead (ErrServing).
func (u *UA) Close() error {
	if !u.serving.CompareAndSwap(false, true) {
		return ErrServing
	}
	u.stop()
	return nil
}
