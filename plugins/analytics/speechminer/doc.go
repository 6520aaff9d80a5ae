// Package speechminer is the analytics plugin that delivers the WAV G.711
// copy of a recording to a SpeechMiner destination by HTTP(S) PUT. README.md
// says how to configure it and how it fails;
// cmd/reel-plugin-analytics-speechminer serves it.
package speechminer
