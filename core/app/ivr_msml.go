package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/ivr"
	"github.com/reel-project/reel/core/sipua"
	"github.com/reel-project/reel/msml"
	"github.com/reel-project/reel/msml/dispatch"
)

// ivrDialogs are the VoiceXML dialogs MSML started (Genesys
// PlayApplication), by their dialog id (conn:<id>/dialog:<name>).
type ivrDialogs struct {
	mu sync.Mutex
	m  map[string]*ivr.Session
}

// startDialog runs the application of a <dialogstart type=
// "application/voicexml+xml"> against the conference or the one leg the
// target names: its prompts go into it, its keys come from it. The initial
// document is loaded before the INFO is answered; when it ends, the
// msml.dialog.exit INFO goes on dlg with the exit namelist.
func (v *ivrCalls) startDialog(conf *conference.Conference, leg *conference.Leg, s dispatch.Start, dlg *sipua.Dialog) error {
	key := s.Dialog.String()
	v.dialogs.mu.Lock()
	_, busy := v.dialogs.m[key]
	v.dialogs.mu.Unlock()
	if busy {
		return fmt.Errorf("%w: %s runs a VoiceXML dialog", dispatch.ErrRecording, key)
	}
	call := &ivrCall{v: v, conf: conf, url: s.VoiceXML, log: v.log.With("call_id", dlg.CallID(), "dialog", key)}
	conn := map[string]string{"protocol.name": "msml", "msml.dialog": key}
	for k, val := range s.Params {
		conn["msml.param."+k] = val
	}
	sess := ivr.New(ivr.Config{Fetcher: v.fetcher, Prompts: v.prompts, Platform: call, Log: call.log,
		InBand: true, Connection: conn, Ended: call.done})
	if err := sess.Start(s.VoiceXML); err != nil {
		return fmt.Errorf("VoiceXML dialog %s: %w", s.VoiceXML, err)
	}
	detach, err := conf.Attach(s.Dialog.Dialog, sess, leg)
	if err != nil {
		sess.Stop()
		return msmlError(s.Dialog, err)
	}
	call.exit = func(r ivr.Result) {
		detach()
		v.dialogs.mu.Lock()
		delete(v.dialogs.m, key)
		v.dialogs.mu.Unlock()
		sendExit(call, dlg, s.Dialog, r)
	}
	v.dialogs.mu.Lock()
	v.dialogs.m[key] = sess
	v.dialogs.mu.Unlock()
	v.run(sess)
	return nil
}

// stopDialog ends the VoiceXML dialog t names (<dialogend>, <send
// event="terminate">); false when t names none.
func (v *ivrDialogs) stop(t msml.Target) bool {
	v.mu.Lock()
	s, ok := v.m[t.String()]
	v.mu.Unlock()
	if ok {
		s.Stop()
	}
	return ok
}

// sendExit sends msml.dialog.exit for a VoiceXML dialog: the exit
// namelist's names and values as fields, dialog.end saying how it ended.
func sendExit(c *ivrCall, dlg *sipua.Dialog, dialog msml.Target, r ivr.Result) {
	ev := &msml.Event{Name: "msml.dialog.exit", ID: dialog.String(), Fields: exitFields(r)}
	ctx, cancel := context.WithTimeout(context.Background(), exitTimeout)
	defer cancel()
	err := dlg.SendInfo(ctx, msmlType, msml.Notify(ev))
	switch {
	case errors.Is(err, sipua.ErrDialogGone):
		c.log.Debug("msml.dialog.exit not sent: dialog ended")
	case err != nil:
		c.log.Warn("msml.dialog.exit", "err", err)
	}
}

// exitFields are the fields of a VoiceXML dialog's exit: the <exit
// namelist> variables, or dialog.exit with an <exit expr> value, and
// dialog.end: exit, hangup, error or terminate.
func exitFields(r ivr.Result) []msml.Field {
	end := "exit"
	switch {
	case r.Hangup:
		end = "hangup"
	case !r.Normal && r.Exit != "":
		end = "error"
	case r.Exit == "" && !r.Normal:
		end = "terminate"
	}
	var f []msml.Field
	if vals, err := url.ParseQuery(r.Exit); err == nil && strings.Contains(r.Exit, "=") && r.Normal {
		for _, kv := range strings.Split(r.Exit, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if name, err := url.QueryUnescape(k); err == nil {
				f = append(f, msml.Field{Name: name, Value: vals.Get(name)})
			}
		}
	} else if r.Exit != "" {
		f = append(f, msml.Field{Name: "dialog.exit", Value: r.Exit})
	}
	return append(f, msml.Field{Name: "dialog.end", Value: end})
}
