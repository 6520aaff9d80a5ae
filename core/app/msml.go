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
// msml/dispatch against the conference engine and answers with the result.
type msmlService struct {
	e       *conference.Engine
	conns   *connections
	formats []recording.Format // configured: pick the bitrate or law of an MSML format
	log     *slog.Logger
	// tone is given the tone a dialogstart asked for (beep, audiosrc,
	// tonesilenceduration) once the recording runs (msml_tone.go).
	tone  func(c *conference.Conference, recordingID string, t dispatch.Tone)
	tones *tones
}

func newMSML(e *conference.Engine, conns *connections, formats []recording.Format, log *slog.Logger) *msmlService {
	s := &msmlService{e: e, conns: conns, formats: formats, log: log, tones: newTones()}
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

// formatFor maps an MSML format to the configured format of that type, or
// to the type's default (recording.FormatForMIME) when none is configured.
func (s *msmlService) formatFor(mime string) ([]recording.Format, error) {
	f, err := recording.FormatForMIME(mime)
	if err != nil {
		return nil, fmt.Errorf("%w: record format %q (want audio/mp3, audio/wav or audio/x-wav;codec=pcm)", dispatch.ErrUnsupported, mime)
	}
	for _, c := range s.formats {
		if c.Ext == f.Ext && c.MIME == f.MIME {
			return []recording.Format{c}, nil
		}
	}
	return []recording.Format{f}, nil
}

// exit returns the OnDone of a recording started on dlg: the msml.dialog.exit
// INFO on that dialog, unless it has ended meanwhile.
func (s *msmlService) exit(dlg *sipua.Dialog, id msml.Target) func(recording.Result, error) {
	return func(res recording.Result, err error) {
		end := res.Report.EndReason
		if err != nil || end == "" {
			end = msml.EndError
		}
		body := msml.Notify(msml.DialogExit(id, res.Duration, end, res.ID))
		ctx, cancel := context.WithTimeout(context.Background(), exitTimeout)
		defer cancel()
		err = dlg.SendInfo(ctx, msmlType, body)
		switch {
		case errors.Is(err, sipua.ErrDialogGone):
			s.log.Debug("msml.dialog.exit not sent: dialog ended", "call_id", dlg.CallID(), "recording_id", res.ID)
		case err != nil:
			s.log.Warn("msml.dialog.exit", "call_id", dlg.CallID(), "recording_id", res.ID, "err", err)
		}
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
