// Package grammar matches DTMF input against VoiceXML grammars: the builtin
// DTMF types (boolean, digits, number, currency, date, time, phone), SRGS 1.0
// XML grammars in DTMF mode (rules, one-of, items with repeat, local and
// external rulerefs, tags) with SISR semantic interpretation run in goja, and
// the literal grammars of <option> and menu <choice>. A Match says whether the
// digits so far are a complete sentence and whether more digits could still
// extend them, which is what the interpreter needs to end input collection.
// Matching is a bounded backtracking search: a hostile grammar costs at most
// MaxSteps steps, then the input does not match.
package grammar
