package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/ivr"
	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sipua"
	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// ivrCalls runs VoiceXML applications on calls: RFC 5552 INVITEs
// (sip:dialog;voicexml=…). The application is a conference.Endpoint in the
// caller's own conference; its recording commands go through the
// recording-control API like MSML's.
type ivrCalls struct {
	e       *conference.Engine
	rec     *recordings
	log     *slog.Logger
	fetcher *fetch.Fetcher
	prompts ivr.Prompts
	dialogs ivrDialogs   // MSML's (ivr_msml.go)
	running atomic.Int64 // applications between Start and their end
}

func newIVRCalls(e *conference.Engine, rec *recordings, log *slog.Logger) *ivrCalls {
	f := fetch.New(fetch.Options{})
	l := prompt.NewLoader(f, prompt.NewCache(promptCacheBytes, promptFailureTTL), 0)
	return &ivrCalls{e: e, rec: rec, log: log, fetcher: f, prompts: ivr.LoaderPrompts{Loader: l},
		dialogs: ivrDialogs{m: map[string]*ivr.Session{}}}
}

// The decoded-prompt cache of the process: 64 MiB is about 70 minutes of
// 8 kHz audio; a prompt that failed to load is asked for again after 5 s.
const (
	promptCacheBytes = 64 << 20
	promptFailureTTL = 5 * time.Second
)

// open starts the application of an RFC 5552 INVITE: its initial document
// is loaded before the call is answered, so that one that cannot be
// fetched refuses the INVITE (ivr.StartError's status).
func (v *ivrCalls) open(inv sipua.Invite, t requri.Target, ended func(reason string)) (sipua.Leg, error) {
	t.ID = conference.NewID()
	call := &ivrCall{v: v, dialog: inv.Dialog, url: t.VoiceXML, log: v.log.With("call_id", inv.CallID, "ivr", t.ID)}
	s := ivr.New(ivr.Config{Fetcher: v.fetcher, Prompts: v.prompts, Platform: call, Log: call.log,
		InBand: true, Connection: connection(inv, t), Ended: call.done})
	if err := s.Start(t.VoiceXML); err != nil {
		var se *ivr.StartError
		if errors.As(err, &se) {
			call.log.Warn("IVR application refused", "url", t.VoiceXML, "event", se.Event, "status", se.Status)
			return nil, sipua.Status(se.Status, err)
		}
		return nil, err
	}
	l, err := v.e.Join(conference.JoinRequest{Target: t, CallID: inv.CallID, CallUUID: callUUID(inv, t), Headers: inv.Headers})
	if err != nil {
		s.Stop()
		return nil, sipError(err)
	}
	call.conf = l.Conference()
	if _, err := call.conf.Attach("ivr", s, l); err != nil {
		s.Stop()
		l.Close(sipua.ReasonFailed)
		return nil, sipError(err)
	}
	go v.runConfirmed(s, inv.Dialog)
	return &sipLeg{l: l, unlist: func() {}, ended: ended}, nil // the leg's Close is the session's hang-up (Left)
}

// runConfirmed runs the application once the caller's ACK arrived: its
// BYE and REFER may go from then on (RFC 3261 §15).
func (v *ivrCalls) runConfirmed(s *ivr.Session, d *sipua.Dialog) {
	select {
	case <-d.Confirmed():
		v.run(s)
	case <-d.Done():
		s.Stop()
	}
}

// run runs an application that started, counting it while it runs.
func (v *ivrCalls) run(s *ivr.Session) {
	v.running.Add(1)
	go func() {
		defer v.running.Add(-1)
		s.Run()
	}()
}

// connection is session.connection.* for an RFC 5552 call: the
// URIs, the Request-URI's parameters, the headers and aai.
func connection(inv sipua.Invite, t requri.Target) map[string]string {
	c := map[string]string{
		"local.uri": inv.RequestURI, "remote.uri": headerURI(inv.From), "originator": headerURI(inv.From),
		"aai": t.Params["aai"], "protocol.sip.requesturi": inv.RequestURI,
	}
	for k, val := range t.Params {
		c["protocol.sip.requesturi."+k] = val
	}
	for k, val := range inv.Headers {
		c["protocol.sip.headers."+strings.ToLower(k)] = val
	}
	return c
}

// headerURI is the URI of a From or To header value.
func headerURI(h string) string {
	if i := strings.IndexByte(h, '<'); i >= 0 {
		if j := strings.IndexByte(h[i:], '>'); j > 0 {
			return h[i+1 : i+j]
		}
	}
	u, _, _ := strings.Cut(h, ";")
	return strings.TrimSpace(u)
}

// ivrCall is the Platform of one application: its call's dialog, leg and
// recording.
type ivrCall struct {
	v      *ivrCalls
	dialog *sipua.Dialog // the caller's (RFC 5552); nil for an MSML dialog
	conf   *conference.Conference
	url    string
	exit   func(ivr.Result) // told how the application ended; nil: logged only
	log    *slog.Logger

	mu    sync.Mutex
	recID string // the recording the application started, "" when none runs
}

// ivrDialog is the dialog name of an application's recordings.
const ivrDialog = "vxml"

// Recording carries out start, pause, resume and stop on the call's
// conference, as MSML's recordings are (decision 0031).
func (c *ivrCall) Recording(cmd string) error {
	conf := c.conf
	if !c.v.rec.profile(conf.Plan().Meta.Profile).VoiceXMLRecording() {
		return errors.New("voicexml_recording_allowed is false in the profile")
	}
	sel := conference.Selector{Dialog: ivrDialog}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch cmd {
	case "start":
		if c.recID != "" {
			if err := c.v.rec.Stop(conf, sel); err != nil && !errors.Is(err, conference.ErrNoRecording) {
				return err
			}
		}
		id, err := c.v.rec.Start(conf, startRequest{Format: firstMIME(conf.Plan().Formats), Dialog: ivrDialog,
			Params: map[string]string{"voicexml": c.url}, Owner: c})
		c.recID = id
		return err
	case "pause":
		return c.v.rec.Pause(conf, sel)
	case "resume":
		return c.v.rec.Resume(conf, sel)
	case "stop":
		c.recID = ""
		return c.v.rec.Stop(conf, sel)
	}
	return errors.New("unknown recording command")
}

// firstMIME is the MIME type of the call's first configured format.
func firstMIME(f []recording.Format) string {
	if len(f) == 0 {
		return ""
	}
	return f[0].MIME
}

// ended is the recording owner's: a recording the application started is
// over (stopped, maxtime, the caller left).
func (c *ivrCall) ended(res recording.Result, _ error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if res.ID == c.recID {
		c.recID = ""
	}
}

// done is told how the application ended.
func (c *ivrCall) done(r ivr.Result) {
	c.log.Info("IVR application ended", "exit", r.Exit, "normal", r.Normal, "hangup", r.Hangup)
	if c.exit != nil {
		c.exit(r)
	}
}

// Disconnect hangs up the caller.
func (c *ivrCall) Disconnect() {
	if c.dialog == nil {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.dialog.Bye(ctx); err != nil {
			c.log.Info("IVR BYE", "err", err)
		}
	}()
}

// Transfer carries out a blind transfer with a REFER on the caller's
// dialog (RFC 5552): accepted, the application hears
// connection.disconnect.transfer and the call ends with its BYE. Bridge and
// consultation transfers, and any transfer of an MSML dialog, are answered
// error.unsupported.transfer.<type> (decision 0040).
func (c *ivrCall) Transfer(ctx context.Context, t vxml.Transfer) vxml.TransferDone {
	if t.Type != "blind" || c.dialog == nil {
		c.log.Warn("IVR transfer not supported", "type", t.Type, "dest", t.Dest)
		return vxml.TransferDone{Result: "error.unsupported.transfer." + t.Type}
	}
	ctx, cancel := context.WithTimeout(ctx, referTimeout)
	defer cancel()
	err := c.dialog.Refer(ctx, t.Dest)
	if err == nil {
		c.log.Info("IVR blind transfer accepted", "dest", t.Dest)
		return vxml.TransferDone{Blind: true}
	}
	c.log.Info("IVR blind transfer refused", "dest", t.Dest, "err", err)
	return vxml.TransferDone{Result: transferError(err)}
}

// referTimeout bounds a REFER's transaction.
const referTimeout = 32 * time.Second

// transferError is the VoiceXML event of a failed REFER.
func transferError(err error) string {
	var se *sipua.StatusError
	if !errors.As(err, &se) {
		return "error.connection.noroute"
	}
	switch se.Code {
	case 401, 403, 407:
		return "error.connection.noauthorization"
	case 404, 410, 484:
		return "error.connection.baddestination"
	}
	return fmt.Sprintf("error.connection.protocol.%d", se.Code)
}
