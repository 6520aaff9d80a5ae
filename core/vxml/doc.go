// Package vxml is the VoiceXML 2.1 interpreter: a Session runs one
// application with the Form Interpretation Algorithm (VoiceXML 2.0 Appendix C)
// and is driven purely by events in — DTMF keys, the clock passing a deadline,
// hang-up, the outcome of a transfer or a recording — and actions out —
// prompts, logs, recording commands (<log gvp:dest="record">), transfers,
// recordings, exit and disconnect. It never blocks on input and never starts a
// goroutine or a timer: Wait tells the driver what the session waits for and
// until when on its injected clock, so a unit test, the headless driver
// (package driver) and a call drive it the same way. Documents, grammars and
// scripts come through package fetch and are shared between sessions.
package vxml
