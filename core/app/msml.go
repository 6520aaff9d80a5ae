package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/sipua"
	"github.com/reel-project/reel/msml"
	"github.com/reel-project/reel/msml/dispatch"
)

// msmlType is the Content-Type of MSML bodies we send (docs/wire.md §2).
const msmlType = "application/msml+xml"

// exitTimeout bounds the msml.dialog.exit INFO (SIP Server not answering).
const exitTimeout = 10 * time.Second

// msmlService serves MSML in SIP INFO: it runs each body through
// msml/dispatch, whose operations act on recordings through the
// recording-control API (recordings), and answers with the result.
type msmlService struct {
	e     *conference.Engine // finds conf:<id>
	rec   *recordings
	conns *connections // finds conn:<id>
	log   *slog.Logger
	// tone is given the tone a dialogstart asked for (beep, audiosrc,
	// tonesilenceduration) once the recording runs (msml_tone.go).
	tone  func(c *conference.Conference, recordingID string, t dispatch.Tone)
	tones *tones
	ivr   *ivrCalls // VoiceXML dialogs (ivr_msml.go)
}

func newMSML(e *conference.Engine, rec *recordings, conns *connections, log *slog.Logger) *msmlService {
	s := &msmlService{e: e, rec: rec, conns: conns, log: log, tones: newTones()}
	s.tone = s.play
	return s
}

// register routes MSML INFO to the service: application/msml+xml and, as
// docs/wire.md §2 asks, application/xml.
func (s *msmlService) register(ua *sipua.UA) {
	ua.HandleInfo(msmlType, s.onInfo)
	ua.HandleInfo("application/xml", s.onInfo)
}

// onInfo answers every MSML INFO of a known dialog 200 with the MSML result;
// the UA itself answers 481 (unknown dialog) and 413 (body too large).
func (s *msmlService) onInfo(_ context.Context, d *sipua.Dialog, _ string, body []byte) (int, string, []byte) {
	res := dispatch.Dispatch(&controller{s: s, dlg: d}, body)
	if res.Response != dispatch.CodeOK {
		s.log.Info("msml request refused", "call_id", d.CallID(), "response", res.Response, "description", res.Description)
	}
	return 200, msmlType, msml.Reply(res)
}

// dialogExit is the owner of a recording an MSML dialog started: when it
// ends, the msml.dialog.exit INFO goes on the dialog whose INFO started it,
// unless that dialog has ended meanwhile.
type dialogExit struct {
	log    *slog.Logger
	dlg    *sipua.Dialog
	dialog msml.Target
}

func (x *dialogExit) ended(res recording.Result, err error) {
	end := res.Report.EndReason
	if err != nil || end == "" {
		end = msml.EndError
	}
	body := msml.Notify(msml.DialogExit(x.dialog, res.Duration, end, res.ID))
	ctx, cancel := context.WithTimeout(context.Background(), exitTimeout)
	defer cancel()
	err = x.dlg.SendInfo(ctx, msmlType, body)
	switch {
	case errors.Is(err, sipua.ErrDialogGone):
		x.log.Debug("msml.dialog.exit not sent: dialog ended", "call_id", x.dlg.CallID(), "recording_id", res.ID)
	case err != nil:
		x.log.Warn("msml.dialog.exit", "call_id", x.dlg.CallID(), "recording_id", res.ID, "err", err)
	}
}

// msmlErrors maps the engine's errors to dispatch's sentinels (and through
// them to MSML result codes).
var msmlErrors = []struct{ from, to error }{
	{conference.ErrNoRecording, dispatch.ErrNotRecording},
	{conference.ErrNoDialog, dispatch.ErrUnknownDialog},
	{conference.ErrRecording, dispatch.ErrRecording},
	{conference.ErrPaused, dispatch.ErrPaused},
	{conference.ErrNotPaused, dispatch.ErrNotPaused},
	{conference.ErrClosed, dispatch.ErrUnknownTarget},
	{recording.ErrUnknownFormat, dispatch.ErrUnsupported},
}

// msmlError names the target and keeps the engine's details.
func msmlError(t msml.Target, err error) error {
	if err == nil {
		return nil
	}
	for _, m := range msmlErrors {
		if errors.Is(err, m.from) {
			return fmt.Errorf("%w: %s%s", m.to, t, strings.TrimPrefix(err.Error(), m.from.Error()))
		}
	}
	return err
}
