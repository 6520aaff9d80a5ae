package vxml

import "time"

// Event is an input to a Session: DTMF, Tick, Hangup, TransferDone or
// RecordDone.
type Event interface{ isEvent() }

// DTMF is one key pressed by the caller (0-9, *, #, A-D).
type DTMF struct{ Key byte }

// Tick tells the session that its clock has reached its Wait deadline.
type Tick struct{}

// Hangup is the caller hanging up.
type Hangup struct{}

// TransferDone is the platform's answer to a Transfer action. Result is a
// <transfer> outcome (busy, noanswer, network_busy, far_end_disconnect,
// near_end_disconnect, maxtime_disconnect, network_disconnect, unknown), or
// an error.connection.* event name; Blind reports a completed blind transfer;
// CallerHangup a caller who hung up during the bridge.
type TransferDone struct {
	Result       string
	Duration     time.Duration
	Blind        bool
	CallerHangup bool
}

// MarkReached tells the session that playback reached the <mark> named
// Name; a platform that sends it sets Config.ReportsMarks.
type MarkReached struct{ Name string }

// RecordDone ends a Record action.
type RecordDone struct {
	Audio    []byte
	Type     string // MIME type of Audio
	Duration time.Duration
	TermChar byte // the key that ended it, 0 if none
	MaxTime  bool // ended by maxtime
}

func (DTMF) isEvent()         {}
func (Tick) isEvent()         {}
func (Hangup) isEvent()       {}
func (TransferDone) isEvent() {}
func (RecordDone) isEvent()   {}
func (MarkReached) isEvent()  {}

// ActionKind names what an Action asks of the platform.
type ActionKind string

// The actions a session emits.
const (
	ActPrompt      ActionKind = "prompt"       // play Prompt
	ActLog         ActionKind = "log"          // Label, Text
	ActRecordCtl   ActionKind = "recording"    // Text: start, pause, resume or stop
	ActTransfer    ActionKind = "transfer"     // Transfer
	ActRecord      ActionKind = "record"       // Record: record the caller
	ActDisconnect  ActionKind = "disconnect"   // hang up the caller
	ActExit        ActionKind = "exit"         // Text: exit value (JSON), or the error that ended it
	ActFetchAudio  ActionKind = "fetchaudio"   // FetchAudio: play it while a document or data fetch runs
	ActTransferEnd ActionKind = "transfer-end" // end the bridged transfer: the caller's keys matched its grammar
)

// Action is one output of a Session, in order.
type Action struct {
	Kind     ActionKind
	Text     string
	Label    string
	Prompt   *Prompt
	Transfer *Transfer
	Record   *Record
	// FetchAudio comes before the fetch it covers; the next action ends it.
	FetchAudio *FetchAudio
}

// FetchAudio is the fetchaudio of a transition or <data> (VoiceXML 2.0
// §6.1.1): play URI if the fetch lasts longer than Delay, then for at least
// Minimum.
type FetchAudio struct {
	URI     string
	Delay   time.Duration
	Minimum time.Duration
}

// Prompt is a queued prompt: text and audio in order.
type Prompt struct {
	Items       []PromptItem
	Bargein     bool
	BargeinType string        // speech, or hotword: only input that matches a grammar interrupts
	Timeout     time.Duration // 0: the timeout property applies
}

// PromptItem is text to speak, an audio URI to play, a break, or a <mark>.
type PromptItem struct {
	Text  string
	Audio string
	Break time.Duration
	Mark  string

	spaceAfter bool // the markup had white space after Text
}

// Transfer asks the platform to transfer the caller.
type Transfer struct {
	Dest           string
	Type           string // blind, bridge or consultation
	ConnectTimeout time.Duration
	MaxTime        time.Duration
	AAI            string
}

// Record asks the platform to record the caller.
type Record struct {
	Beep         bool
	MaxTime      time.Duration
	FinalSilence time.Duration
	DTMFTerm     bool
	Type         string
}

// WaitKind says what a session waits for.
type WaitKind string

// What Wait can report.
const (
	WaitInput    WaitKind = "input"    // DTMF, or Tick at Deadline
	WaitTransfer WaitKind = "transfer" // TransferDone
	WaitRecord   WaitKind = "record"   // RecordDone
	WaitNothing  WaitKind = "ended"
)

// Waiting describes what the session needs next.
type Waiting struct {
	Kind     WaitKind
	Deadline time.Time // WaitInput: when to send Tick
	Seq      int       // WaitInput: which input collection; new for each
	// Listening (WaitTransfer): the bridged transfer has DTMF grammars;
	// send the caller's keys — a match ends it with ActTransferEnd.
	Listening bool
}
